using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Microsoft.Azure.Functions.Worker;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>GET /api/ui</c>: the status page, one small HTML file with its script inline and no framework. It reads the same
/// routes any caller uses, with the caller's own key (<c>?code=</c>), so it shows and allows nothing the key does not.
/// </summary>
public sealed partial class StatusPageHttpTrigger
{
    private static readonly string Page = ReadPage();

    // The page's one inline script is allowed by its hash, and nothing else runs; no referrer carries the key away.
    private static readonly string ContentSecurityPolicy =
        $"default-src 'none'; connect-src 'self'; style-src 'unsafe-inline'; script-src 'sha256-{ScriptHash(Page)}'; frame-ancestors 'none'; base-uri 'none'; form-action 'none'";

    [Function(nameof(StatusPageHttpTrigger))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "ui")] HttpRequest request)
    {
        var headers = request.HttpContext.Response.Headers;
        headers.ContentSecurityPolicy = ContentSecurityPolicy;
        headers["Referrer-Policy"] = "no-referrer";
        headers.XContentTypeOptions = "nosniff";
        headers.CacheControl = "no-store";
        return Results.Content(Page, "text/html; charset=utf-8");
    }

    private static string ReadPage()
    {
        using var stream = typeof(StatusPageHttpTrigger).Assembly.GetManifestResourceStream("ClusterFunctions.Functions.StatusPage.index.html")
            ?? throw new InvalidOperationException("the status page is not embedded in the app");
        using var reader = new StreamReader(stream, Encoding.UTF8);
        return reader.ReadToEnd();
    }

    private static string ScriptHash(string page) =>
        Convert.ToBase64String(SHA256.HashData(Encoding.UTF8.GetBytes(InlineScript().Match(page).Groups[1].Value)));

    [GeneratedRegex("<script>(.*?)</script>", RegexOptions.Singleline)]
    private static partial Regex InlineScript();
}
