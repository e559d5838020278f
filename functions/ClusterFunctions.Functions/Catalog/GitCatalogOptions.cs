using System.ComponentModel.DataAnnotations;

namespace ClusterFunctions.Functions.Catalog;

/// <summary>
/// Where the catalog comes from when it lives in a Git repository (bound from the "Catalog:Git" section). With no
/// <see cref="Url"/> the catalog is the folder in Build:CatalogDirectory, read on each use as before.
/// </summary>
public sealed class GitCatalogOptions
{
    public const string Section = "Catalog:Git";

    /// <summary>The repository (https, http, ssh or file). Credentials go in Username/Password, never in the URL.</summary>
    public string? Url { get; set; }

    /// <summary>The branch, tag or full ref whose commit is the catalog.</summary>
    [Required]
    public string Ref { get; set; } = "main";

    /// <summary>The catalog's folder inside the repository.</summary>
    [Required]
    public string Path { get; set; } = "infra/catalog";

    /// <summary>The user name for HTTP basic authentication; GitHub's "x-access-token" when only a token is set.</summary>
    public string? Username { get; set; }

    /// <summary>A token or password (on App Service, a Key Vault reference resolves into this setting). Never logged.</summary>
    public string? Password { get; set; }

    /// <summary>How often the app fetches the ref when no webhook tells it of a push (the fallback).</summary>
    [Range(typeof(TimeSpan), "00:00:01", "1.00:00:00")]
    public TimeSpan PollInterval { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>The secret GitHub signs push webhooks with (X-Hub-Signature-256); with none, the webhook is off.</summary>
    public string? WebhookSecret { get; set; }

    /// <summary>Where the mirror and the per-commit snapshots live; a folder under the temp directory by default.</summary>
    public string? CacheDirectory { get; set; }

    public bool Enabled => !string.IsNullOrWhiteSpace(Url);

    /// <summary>The user name sent with <see cref="Password"/>.</summary>
    public string EffectiveUsername => string.IsNullOrEmpty(Username) ? "x-access-token" : Username;
}
