using System.Text.Json;
using ClusterFunctions.Host.Functions;
using ClusterFunctions.Host.Worker;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ClusterFunctions.Host.Http;

/// <summary>
/// An HTTP request to an HTTP-triggered function, run as the Functions host runs it for a worker with ASP.NET Core
/// integration: the invocation goes over the protocol while the request itself is forwarded to the worker's own
/// HTTP address carrying <c>x-ms-invocation-id</c>, and the worker's response is copied back to the caller.
/// </summary>
internal sealed class HttpFunctionCall : FunctionCall
{
    private const string InvocationHeader = "x-ms-invocation-id";
    private readonly HttpContext _context;
    private readonly HttpClient _client;
    private readonly Dictionary<string, TypedData> _metadata = new(StringComparer.OrdinalIgnoreCase);

    public HttpFunctionCall(HttpContext context, HttpClient client)
    {
        _context = context;
        _client = client;
        var rpc = new RpcHttp
        {
            Method = context.Request.Method,
            Url = $"{context.Request.Scheme}://{context.Request.Host}{context.Request.PathBase}{context.Request.Path}{context.Request.QueryString}",
        };
        foreach ((string name, object? value) in context.GetRouteData().Values)
        {
            string text = Convert.ToString(value, System.Globalization.CultureInfo.InvariantCulture) ?? "";
            rpc.Params[name] = text;
            _metadata[name] = new TypedData { String = text };
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues value) in context.Request.Query)
        {
            rpc.Query[name] = value.ToString();
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues value) in context.Request.Headers)
        {
            rpc.Headers[name] = value.ToString();
        }

        // Route values and the query are binding data in the worker (an `int count` parameter binds from {count}).
        _metadata["Query"] = new TypedData { Json = JsonSerializer.Serialize(rpc.Query) };
        _metadata["Headers"] = new TypedData { Json = JsonSerializer.Serialize(rpc.Headers) };
        TriggerData = new TypedData { Http = rpc };
    }

    public override TypedData TriggerData { get; }

    public override IReadOnlyDictionary<string, TypedData> TriggerMetadata => _metadata;

    public override string? TraceParent => _context.Request.Headers.TryGetValue("traceparent", out var value) ? value.ToString() : null;

    public override async Task RunAsync(RunningWorker worker, string invocationId, Func<Task<InvocationResponse>> invoke)
    {
        if (worker.HttpUri is null)
        {
            throw new InvalidOperationException("the worker did not offer an HTTP address; the app needs ConfigureFunctionsWebApplication()");
        }

        Task<InvocationResponse> invocation = invoke();
        using HttpRequestMessage forward = ForwardedRequest(worker.HttpUri, invocationId);
        try
        {
            using HttpResponseMessage answer = await _client.SendAsync(forward, HttpCompletionOption.ResponseHeadersRead, _context.RequestAborted);
            await CopyResponseAsync(answer);
        }
        catch (HttpRequestException)
        {
            // Most likely the worker died: wait for the invocation to say so (its stream closes, and the worker is
            // retired before the caller hears 500, so a retry reaches the next worker). Otherwise the proxy failed.
            await invocation;
            throw;
        }

        InvocationResponse response = await invocation;
        InvocationResults.ThrowIfFailed(TriggerName(), response);
    }

    private string TriggerName() => _context.GetEndpoint()?.DisplayName ?? _context.Request.Path;

    private HttpRequestMessage ForwardedRequest(Uri workerUri, string invocationId)
    {
        HttpRequest request = _context.Request;
        var target = new Uri(workerUri, $"{request.PathBase}{request.Path}{request.QueryString}");
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach ((string name, Microsoft.Extensions.Primitives.StringValues value) in request.Headers)
        {
            if (HopByHop.Contains(name) || string.Equals(name, "Host", StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            if (!message.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        // The worker builds absolute URLs (Location, status links) from Host: keep the caller's, as a proxy should.
        message.Headers.Host = request.Host.Value;
        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        message.Headers.TryAddWithoutValidation(InvocationHeader, invocationId);
        return message;
    }

    private async Task CopyResponseAsync(HttpResponseMessage answer)
    {
        HttpResponse response = _context.Response;
        response.StatusCode = (int)answer.StatusCode;
        foreach ((string name, IEnumerable<string> values) in answer.Headers.Concat(answer.Content.Headers))
        {
            if (!HopByHop.Contains(name))
            {
                response.Headers[name] = values.ToArray();
            }
        }

        await answer.Content.CopyToAsync(response.Body, _context.RequestAborted);
    }

    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer",
    };
}
