using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Auth;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// The request pipeline: fault injection, authentication and impersonation, discovery, RBAC
/// authorization of the resource request, then the read or write path. Failures become Status bodies.
/// </summary>
internal sealed class ApiServer(
    KubernetesEmulatorOptions options,
    IdentityResolver identities,
    RbacAuthorizer authorizer,
    ObjectReader reader,
    ObjectWriter writer,
    ScaleSubresource scale,
    PodStreams podStreams,
    AccessReviews reviews,
    Func<string> serverAddress)
{
    public async Task HandleAsync(HttpContext context)
    {
        var cancellationToken = context.RequestAborted;
        options.RequestCounter.Count(context.Request.Method);
        try
        {
            if (await options.Faults.TryInjectAsync(context, options.TimeProvider, cancellationToken))
            {
                return;
            }

            var path = context.Request.Path.Value ?? "/";
            var identity = identities.Resolve(context.Request);
            if (path.TrimEnd('/') is "/healthz" or "/livez" or "/readyz")
            {
                context.Response.ContentType = "text/plain";
                await context.Response.WriteAsync("ok", cancellationToken);
                return;
            }

            if (HttpMethods.IsGet(context.Request.Method)
                && (DiscoveryDocuments.For(path, serverAddress()) ?? OpenApiDocuments.For(path)) is { } document)
            {
                await HttpJson.WriteAsync(context.Response, 200, document, cancellationToken);
                return;
            }

            var resource = ResourcePath.Parse(path) ?? throw StatusErrors.PathNotFound(path);
            await DispatchAsync(resource, identity, context, cancellationToken);
        }
        catch (ApiException e) when (!context.Response.HasStarted)
        {
            await HttpJson.WriteAsync(context.Response, e.Code, e.Status, cancellationToken);
        }
        catch (Exception e) when (!context.Response.HasStarted && e is not OperationCanceledException)
        {
            // An emulator bug must surface to the client as kube-apiserver's InternalError, not a bare 500.
            await HttpJson.WriteAsync(context.Response, 500,
                StatusErrors.Status(500, "InternalError", $"Internal error occurred: {e.GetType().Name}: {e.Message}"), cancellationToken);
        }
    }

    private async Task DispatchAsync(ResourcePath path, EmulatorIdentity identity, HttpContext context, CancellationToken cancellationToken)
    {
        var request = context.Request;
        var query = request.Query;
        if (!path.Type.Stored)
        {
            if (!HttpMethods.IsPost(request.Method))
            {
                throw StatusErrors.MethodNotAllowed(request.Method);
            }

            var review = reviews.Review(path.Type.Kind, await ReadReviewAsync(path, request, cancellationToken), identity);
            await HttpJson.WriteAsync(context.Response, 201, review, cancellationToken);
            return;
        }

        if (PodStreams.Serves(path))
        {
            Authorize(identity, PodStreams.Verb(path), path);
            await podStreams.HandleAsync(path, context, cancellationToken);
            return;
        }

        if (path.Subresource is not null && !(path.Subresource == "status" && HttpMethods.IsGet(request.Method)) && !ScaleSubresource.Serves(path))
        {
            throw StatusErrors.PathNotFound(request.Path.Value ?? "");
        }

        var watch = query["watch"] is var w && (w == "true" || w == "1");
        var verb = request.Method.ToUpperInvariant() switch
        {
            "GET" when path.Name is not null => "get",
            "GET" => watch ? "watch" : "list",
            "POST" when path.Name is null => "create",
            "PUT" when path.Name is not null => "update",
            "PATCH" when path.Name is not null => "patch",
            "DELETE" when path.Name is not null => "delete",
            "DELETE" when path.Namespace is not null || !path.Type.Namespaced => "deletecollection",
            _ => throw StatusErrors.MethodNotAllowed(request.Method),
        };
        Authorize(identity, verb, path);

        var delete = verb is "delete" or "deletecollection" ? await DeleteOptions.ReadAsync(request, cancellationToken) : null;
        var writeOptions = new WriteOptions(identity, Manager(request), delete?.DryRun ?? DryRunQuery.Parse(query));
        if (ScaleSubresource.Serves(path))
        {
            var scaled = verb == "get" ? scale.Get(path) : verb is "update" or "patch"
                ? scale.Update(path, await HttpJson.ReadObjectAsync(request, cancellationToken), writeOptions)
                : throw StatusErrors.MethodNotAllowed(request.Method);
            await HttpJson.WriteAsync(context.Response, 200, scaled, cancellationToken);
            return;
        }

        (int Code, JsonObject Body) result;
        switch (verb)
        {
            case "get":
                result = (200, reader.Get(path, request));
                break;
            case "watch":
                await reader.WatchAsync(path, context, cancellationToken);
                return;
            case "list":
                result = (200, reader.List(path, request));
                break;
            case "create":
                result = writer.Create(path, await HttpJson.ReadObjectAsync(request, cancellationToken, path.Type.Kind), writeOptions);
                break;
            case "update":
                result = writer.Update(path, await HttpJson.ReadObjectAsync(request, cancellationToken, path.Type.Kind), writeOptions);
                break;
            case "patch":
                result = await PatchAsync(path, request, writeOptions, cancellationToken);
                break;
            case "delete":
                result = writer.Delete(path, writeOptions, delete!);
                break;
            default:
                var (labels, fields) = ObjectReader.Selectors(query);
                result = writer.DeleteCollection(path, o => labels.Matches(o) && fields.Matches(o), writeOptions);
                break;
        }

        await HttpJson.WriteAsync(context.Response, result.Code, result.Body, cancellationToken);
    }

    private static async Task<JsonObject> ReadReviewAsync(ResourcePath path, HttpRequest request, CancellationToken cancellationToken)
    {
        if (!(request.ContentType ?? "").StartsWith("application/vnd.kubernetes.protobuf", StringComparison.Ordinal))
        {
            return await HttpJson.ReadObjectAsync(request, cancellationToken);
        }

        using var buffer = new MemoryStream();
        await request.Body.CopyToAsync(buffer, cancellationToken);
        return AccessReviewProtobuf.IsProtobuf(buffer.GetBuffer().AsSpan(0, (int)buffer.Length))
            ? AccessReviewProtobuf.Decode(buffer.GetBuffer().AsSpan(0, (int)buffer.Length), self: path.Type.Kind.StartsWith("Self", StringComparison.Ordinal))
            : throw StatusErrors.BadRequest("the protobuf body has no k8s envelope");
    }

    private async Task<(int, JsonObject)> PatchAsync(ResourcePath path, HttpRequest request, WriteOptions writeOptions, CancellationToken cancellationToken)
    {
        var contentType = (request.ContentType ?? "").Split(';')[0].Trim();
        switch (contentType)
        {
            case "application/apply-patch+yaml":
                if (string.IsNullOrEmpty(request.Query["fieldManager"]))
                {
                    throw new ApiException(400, StatusErrors.Status(400, "BadRequest",
                        "PatchOptions.meta.k8s.io \"\" is invalid: fieldManager: Required value: is required for apply patch"));
                }

                var force = request.Query["force"] == "true";
                return writer.Apply(path, await HttpJson.ReadObjectAsync(request, cancellationToken), writeOptions, force);
            case "application/merge-patch+json" or "application/strategic-merge-patch+json":
                var strategic = contentType == "application/strategic-merge-patch+json";
                return writer.MergePatch(path, await HttpJson.ReadObjectAsync(request, cancellationToken), writeOptions, strategic);
            case "application/json-patch+json":
                IReadOnlyList<JsonObject> operations;
                try
                {
                    operations = Kubernetes.Apply.JsonPatchDocument.Parse(await HttpJson.ReadNodeAsync(request, cancellationToken));
                }
                catch (FormatException e)
                {
                    throw StatusErrors.BadRequest($"invalid JSON patch: {e.Message}");
                }

                return writer.ApplyJsonPatch(path, operations, writeOptions);
            default:
                throw StatusErrors.UnsupportedMediaType(contentType);
        }
    }

    private void Authorize(EmulatorIdentity identity, string verb, ResourcePath path)
    {
        if (!options.EnforceRbac || identity.IsMaster)
        {
            return;
        }

        var attributes = new ResourceAttributes(verb, path.Type.Group, path.Type.Plural, path.Subresource, path.Namespace, path.Name);
        if (!authorizer.Authorize(identity, attributes).Allowed)
        {
            throw StatusErrors.Forbidden(path.Type, path.Name, attributes.DenialMessage(identity.UserName));
        }
    }

    private static string Manager(HttpRequest request)
    {
        var manager = request.Query["fieldManager"].ToString();
        if (manager.Length > 0)
        {
            return manager;
        }

        var agent = request.Headers.UserAgent.ToString();
        return agent.Length == 0 ? "unknown" : agent.Split('/')[0];
    }
}
