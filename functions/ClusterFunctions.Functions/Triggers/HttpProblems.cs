using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>The JSON error bodies every HTTP trigger answers with: field errors for 400, a message otherwise.</summary>
public static class HttpProblems
{
    public static IResult BadRequest(IEnumerable<CatalogProblem> problems) => Results.Json(
        new { errors = problems.Select(p => new { field = p.Path, file = p.File == "request" ? null : p.File, message = p.Message }) },
        statusCode: StatusCodes.Status400BadRequest);

    public static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    public static IResult TooManyRequests(HttpContext http, string message, TimeSpan retryAfter)
    {
        http.Response.Headers.RetryAfter = ((int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(System.Globalization.CultureInfo.InvariantCulture);
        return Error(StatusCodes.Status429TooManyRequests, message);
    }

    /// <summary>Reads and parses a cluster request body; on any problem, the answer to send instead (413 or 400).</summary>
    public static Task<(ClusterRequest? Request, IResult? Refusal)> ReadClusterRequestAsync(HttpContext http) =>
        ReadAsync(http, body => ClusterRequestParser.Parse(body));

    /// <summary>Reads and parses an approval body; on any problem, the answer to send instead (413 or 400).</summary>
    public static Task<(ApprovalRequest? Request, IResult? Refusal)> ReadApprovalAsync(HttpContext http) =>
        ReadAsync(http, body => ClusterRequestParser.ParseApproval(body));

    /// <summary>Reads an extension body, <c>{"by": "4h"}</c>; on any problem, the answer to send instead (413 or 400).</summary>
    public static Task<(ExtendRequest? Request, IResult? Refusal)> ReadExtendAsync(HttpContext http) =>
        ReadAsync(http, body => ClusterRequestParser.ParseExtend(body));

    /// <summary>Reads an upgrade body, <c>{"waveSize": 2, "dryRun": true}</c>, which may be empty (the defaults); on any problem, the answer to send instead (413 or 400).</summary>
    public static Task<(UpgradeRequest? Request, IResult? Refusal)> ReadUpgradeAsync(HttpContext http) =>
        ReadAsync(http, body => body.Length == 0 ? (new UpgradeRequest(), []) : ClusterRequestParser.ParseUpgrade(body));

    /// <summary>Reads a cancellation body, which may be empty (no reason); on any problem, the answer to send instead (413 or 400).</summary>
    public static Task<(CancelRequest? Request, IResult? Refusal)> ReadCancelAsync(HttpContext http) =>
        ReadAsync(http, body => body.Length == 0 ? (new CancelRequest(), []) : ClusterRequestParser.ParseCancel(body));

    private static async Task<(T? Request, IResult? Refusal)> ReadAsync<T>(
        HttpContext http, Func<byte[], (T? Request, IReadOnlyList<CatalogProblem> Problems)> parse)
        where T : class
    {
        var body = await ReadBodyAsync(http.Request, RequestLimits.MaxBodyBytes, http.RequestAborted);
        if (body is null)
        {
            return (null, Error(StatusCodes.Status413PayloadTooLarge, $"body is larger than {RequestLimits.MaxBodyBytes} bytes"));
        }

        var (request, problems) = parse(body);
        return request is null ? (null, BadRequest(problems)) : (request, null);
    }

    /// <summary>Reads a request body up to the limit, so an oversized body is refused before it is buffered.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
    {
        if (request.ContentLength > limit)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[8192];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }
}
