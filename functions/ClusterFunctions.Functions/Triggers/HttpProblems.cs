using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>The JSON error bodies every HTTP trigger answers with: field errors for 400, a message otherwise.</summary>
public static class HttpProblems
{
    public static IResult BadRequest(IEnumerable<CatalogProblem> problems) => Results.Json(
        new { errors = problems.Select(p => new { field = p.Path, file = p.File == "request" ? null : p.File, message = p.Message }) },
        statusCode: StatusCodes.Status400BadRequest);

    public static IResult Error(int status, string message) => Results.Json(new { error = message }, statusCode: status);

    /// <summary>Reads a request body up to the limit, so an oversized body is refused before it is buffered.</summary>
    public static async Task<byte[]?> ReadBodyAsync(HttpRequest request, int limit, CancellationToken cancellationToken)
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
