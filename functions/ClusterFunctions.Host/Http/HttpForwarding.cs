using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Primitives;

namespace ClusterFunctions.Host.Http;

/// <summary>
/// Carries a request on to another HTTP handler (the worker's server, the Durable extension's) and its answer back,
/// as a reverse proxy does: the body streams, the headers go as they came but for the hop-by-hop ones, which belong
/// to each connection.
/// </summary>
internal static class HttpForwarding
{
    private static readonly HashSet<string> HopByHop = new(StringComparer.OrdinalIgnoreCase)
    {
        "Connection", "Keep-Alive", "Proxy-Connection", "Transfer-Encoding", "Upgrade", "TE", "Trailer",
    };

    public static HttpRequestMessage ToMessage(HttpRequest request, Uri target)
    {
        var message = new HttpRequestMessage(new HttpMethod(request.Method), target);
        if (request.ContentLength > 0 || request.Headers.TransferEncoding.Count > 0)
        {
            message.Content = new StreamContent(request.Body);
        }

        foreach ((string name, StringValues value) in request.Headers.Where(header => !HopByHop.Contains(header.Key)))
        {
            if (!message.Headers.TryAddWithoutValidation(name, value.ToArray()))
            {
                message.Content?.Headers.TryAddWithoutValidation(name, value.ToArray());
            }
        }

        return message;
    }

    public static async Task CopyAsync(HttpResponseMessage answer, HttpResponse response, CancellationToken cancellationToken)
    {
        response.StatusCode = (int)answer.StatusCode;
        foreach ((string name, IEnumerable<string> values) in answer.Headers.Concat(answer.Content.Headers).Where(header => !HopByHop.Contains(header.Key)))
        {
            response.Headers[name] = values.ToArray();
        }

        await answer.Content.CopyToAsync(response.Body, cancellationToken);
    }
}
