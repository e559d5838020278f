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
            await HttpForwarding.CopyAsync(answer, _context.Response, _context.RequestAborted);
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
        // The caller's Host goes along: the worker builds absolute URLs (Location, status links) from it, as behind a proxy.
        HttpRequestMessage message = HttpForwarding.ToMessage(request, new Uri(workerUri, $"{request.PathBase}{request.Path}{request.QueryString}"));
        message.Headers.TryAddWithoutValidation("X-Forwarded-Proto", request.Scheme);
        message.Headers.TryAddWithoutValidation(InvocationHeader, invocationId);
        return message;
    }
}
