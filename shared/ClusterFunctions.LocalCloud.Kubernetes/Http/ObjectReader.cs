using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Selectors;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>The read path: get, list with label and field selectors, and watch streams.</summary>
internal sealed class ObjectReader(ObjectStore store, TimeProvider time)
{
    public JsonObject Get(ResourcePath path) =>
        store.Get(path.Type, path.Namespace, path.Name!) ?? throw StatusErrors.NotFound(path.Type, path.Name!);

    /// <summary>One object, as a Table when kubectl asks for human-readable output.</summary>
    public JsonObject Get(ResourcePath path, HttpRequest request)
    {
        var obj = Get(path);
        return TableView.Requested(request)
            ? TableView.For(path.Type, [obj], obj["metadata"]?["resourceVersion"]?.GetValue<string>() ?? "", time.GetUtcNow(), IncludeObject(request))
            : obj;
    }

    public JsonObject List(ResourcePath path, HttpRequest request)
    {
        var query = request.Query;
        var (labels, fields) = Selectors(query);
        var (items, revision) = store.List(path.Type, path.Namespace);
        if (TableView.Requested(request))
        {
            return TableView.For(path.Type, items.Where(i => labels.Matches(i) && fields.Matches(i)),
                revision.ToString(CultureInfo.InvariantCulture), time.GetUtcNow(), IncludeObject(request));
        }

        return new JsonObject
        {
            ["kind"] = path.Type.Kind + "List",
            ["apiVersion"] = path.Type.GroupVersion,
            ["metadata"] = new JsonObject { ["resourceVersion"] = revision.ToString(CultureInfo.InvariantCulture) },
            ["items"] = new JsonArray([.. items.Where(i => labels.Matches(i) && fields.Matches(i))]),
        };
    }

    /// <summary>Streams newline-delimited watch events until the client leaves, timeoutSeconds passes, or the watch is dropped.</summary>
    public async Task WatchAsync(ResourcePath path, HttpContext context, CancellationToken cancellationToken)
    {
        var query = context.Request.Query;
        var (labels, fields) = Selectors(query);
        long? from = long.TryParse(query["resourceVersion"], CultureInfo.InvariantCulture, out var rv) ? rv : null;
        using var subscription = store.Watch(path.Type, path.Namespace, from);
        if (subscription is null)
        {
            throw new ApiException(410, StatusErrors.Status(410, "Expired", $"too old resource version: {from} ({store.Revision})"));
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        if (int.TryParse(query["timeoutSeconds"], CultureInfo.InvariantCulture, out var seconds) && seconds > 0)
        {
            timeout.CancelAfter(TimeSpan.FromSeconds(seconds));
        }

        var table = TableView.Requested(context.Request);
        context.Response.StatusCode = 200;
        context.Response.ContentType = "application/json";
        await context.Response.StartAsync(cancellationToken);
        await context.Response.Body.FlushAsync(cancellationToken);
        try
        {
            await foreach (var e in subscription.Events.ReadAllAsync(timeout.Token))
            {
                if (!labels.Matches(e.Object) || !fields.Matches(e.Object))
                {
                    continue;
                }

                var obj = table
                    ? TableView.For(path.Type, [e.Object], e.Revision.ToString(CultureInfo.InvariantCulture), time.GetUtcNow(), IncludeObject(context.Request))
                    : e.Object.DeepClone();
                var line = HttpJson.Serialize(new JsonObject { ["type"] = e.Type, ["object"] = obj }) + "\n";
                await context.Response.Body.WriteAsync(Encoding.UTF8.GetBytes(line), timeout.Token);
                await context.Response.Body.FlushAsync(timeout.Token);
            }
        }
        catch (OperationCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            // timeoutSeconds elapsed: the server ends the stream normally, as kube-apiserver does.
        }
    }

    private static bool IncludeObject(HttpRequest request) => request.Query["includeObject"] == "Object";

    public static (LabelSelector Labels, FieldSelector Fields) Selectors(IQueryCollection query)
    {
        try
        {
            return (LabelSelector.Parse(query["labelSelector"]), FieldSelector.Parse(query["fieldSelector"]));
        }
        catch (FormatException e)
        {
            throw StatusErrors.BadRequest($"unable to parse requirement: {e.Message}");
        }
    }
}
