using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Catalog;

/// <summary>The rules data annotations cannot say: a URL that parses, carries no credential, and a path that stays inside the repository.</summary>
public sealed class GitCatalogOptionsValidator : IValidateOptions<GitCatalogOptions>
{
    private static readonly string[] Schemes = ["https", "http", "ssh", "file"];

    public ValidateOptionsResult Validate(string? name, GitCatalogOptions options)
    {
        if (!options.Enabled)
        {
            return ValidateOptionsResult.Success;
        }

        var failures = new List<string>();
        if (!Uri.TryCreate(options.Url, UriKind.Absolute, out var url) || !Schemes.Contains(url.Scheme, StringComparer.OrdinalIgnoreCase))
        {
            failures.Add($"{GitCatalogOptions.Section}:Url: must be an absolute {string.Join(", ", Schemes)} URL");
        }
        else if (url.UserInfo.Contains(':', StringComparison.Ordinal))
        {
            // A password in the URL ends up in git's own messages and in ours; the header keeps it out of both.
            failures.Add($"{GitCatalogOptions.Section}:Url: must not carry a password; put the token in {GitCatalogOptions.Section}:Password");
        }

        if (options.Ref.StartsWith('-') || options.Ref.Any(char.IsWhiteSpace))
        {
            failures.Add($"{GitCatalogOptions.Section}:Ref: must be a branch, tag or ref name (no spaces, no leading '-')");
        }

        if (System.IO.Path.IsPathRooted(options.Path) || options.Path.Split('/', '\\').Contains(".."))
        {
            failures.Add($"{GitCatalogOptions.Section}:Path: must be a relative path inside the repository");
        }

        if (!string.IsNullOrEmpty(options.Username) && string.IsNullOrEmpty(options.Password))
        {
            failures.Add($"{GitCatalogOptions.Section}:Password: is required when Username is set");
        }

        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
