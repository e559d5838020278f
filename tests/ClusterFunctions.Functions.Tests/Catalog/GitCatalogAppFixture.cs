using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Tests.Catalog;

/// <summary>
/// The app taking its catalog from a local Git repository, with a webhook secret and a token configured, every log
/// line captured at Trace. The poll is an hour apart, so only the webhook moves the catalog during a test.
/// </summary>
public sealed class GitCatalogAppFixture : EmbeddedAppFixture, IDisposable
{
    public const string WebhookSecret = "catalog-webhook-secret-for-tests";

    public const string Token = "ghp_appCatalogTokenNeverInTheLogs456";

    public CatalogRepository Repository { get; } = CatalogRepository.Create();

    public CapturingLoggerProvider LogLines { get; } = new();

    protected override ILoggerProvider? Logs => LogLines;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["Build:CatalogDirectory"] = "/nonexistent/not-the-catalog", // the folder must play no part
        ["Catalog:Git:Url"] = Repository.Url,
        ["Catalog:Git:Path"] = CatalogRepository.CatalogPath,
        ["Catalog:Git:Password"] = Token,
        ["Catalog:Git:WebhookSecret"] = WebhookSecret,
        ["Catalog:Git:PollInterval"] = "01:00:00",
        ["Catalog:Git:CacheDirectory"] = Repository.CacheDirectory,
        ["Logging:LogLevel:Default"] = "Trace",
    };

    public void Dispose() => Repository.Dispose();
}
