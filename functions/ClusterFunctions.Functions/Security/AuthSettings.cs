using System.Text.RegularExpressions;

namespace ClusterFunctions.Functions.Security;

/// <summary>
/// Reads the "Auth" section by hand and lists every mistake in it by setting name. The configuration binder placed
/// what it could and dropped the rest without a word: roles given as an array (<c>Auth__Keys__ci__Roles__0</c>, as
/// app settings often are) left a key with no roles, and a misspelt field was ignored. A security setting that is
/// not understood must stop the app, not weaken it.
/// </summary>
public static partial class AuthSettings
{
    /// <summary>Shorter keys can be guessed; the Functions host's own are 256 bits.</summary>
    public const int MinKeyLength = 16;

    private static readonly string[] AuthFields = ["Keys", "EntraId"];
    private static readonly string[] KeyFields = ["Value", "Roles"];
    private static readonly string[] EntraIdFields = ["Authority", "Audience", "RequireHttpsMetadata"];

    /// <summary>Fills <paramref name="options"/> from the section, both forms of roles included.</summary>
    public static void Bind(IConfigurationSection auth, AuthOptions options)
    {
        options.Keys = new Dictionary<string, FunctionKeyOptions>(StringComparer.Ordinal);
        foreach (var key in auth.GetSection("Keys").GetChildren())
        {
            options.Keys[key.Key] = new FunctionKeyOptions { Value = key["Value"] ?? "", Roles = Roles(key.GetSection("Roles")) };
        }

        var entra = auth.GetSection("EntraId");
        options.EntraId = new EntraIdOptions
        {
            Authority = entra["Authority"] ?? "",
            Audience = entra["Audience"] ?? "",
            RequireHttpsMetadata = !bool.TryParse(entra["RequireHttpsMetadata"], out var https) || https,
        };
    }

    /// <summary>Every problem in the section, each naming the setting and the rule; empty when it is sound.</summary>
    public static IReadOnlyList<string> Problems(IConfigurationSection auth)
    {
        var problems = new List<string>();
        Unknown(auth, AuthFields, problems);
        var owners = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var key in auth.GetSection("Keys").GetChildren())
        {
            Unknown(key, KeyFields, problems);
            var value = key["Value"] ?? "";
            if (value.Length < MinKeyLength)
            {
                problems.Add($"{key.Path}:Value: must be at least {MinKeyLength} characters (a short key can be guessed)");
            }
            else if (!owners.TryAdd(value, key.Path))
            {
                problems.Add($"{key.Path}:Value: the same key as {owners[value]}:Value; each caller needs its own key");
            }

            RoleProblems(key.GetSection("Roles"), problems);
        }

        EntraIdProblems(auth.GetSection("EntraId"), problems);
        return problems;
    }

    private static IReadOnlyList<string> Roles(IConfigurationSection roles) =>
        (roles.Value is { } list ? list.Split(',') : roles.GetChildren().Select(r => r.Value ?? ""))
            .Select(r => r.Trim()).Where(r => r.Length > 0).Distinct(StringComparer.Ordinal).ToList();

    private static void RoleProblems(IConfigurationSection roles, List<string> problems)
    {
        if (roles.Value is { Length: > 0 } && roles.GetChildren().Any())
        {
            problems.Add($"{roles.Path}: given both as a list and as \"{roles.Value}\"; use one form");
            return;
        }

        var names = Roles(roles);
        if (names.Count == 0)
        {
            problems.Add($"{roles.Path}: required; name at least one role, as \"developer,approver\" or as {roles.Path}:0, {roles.Path}:1");
        }

        foreach (var name in names.Where(n => !RoleName().IsMatch(n)))
        {
            problems.Add($"{roles.Path}: '{name}' is not a role name (letters, digits, '.', '_' and '-')");
        }
    }

    private static void EntraIdProblems(IConfigurationSection entra, List<string> problems)
    {
        Unknown(entra, EntraIdFields, problems);
        var authority = entra["Authority"] ?? "";
        var audience = entra["Audience"] ?? "";
        var httpsText = entra["RequireHttpsMetadata"];
        var https = true;
        if (httpsText is not null && !bool.TryParse(httpsText, out https))
        {
            problems.Add($"{entra.Path}:RequireHttpsMetadata: must be true or false (got '{httpsText}')");
        }

        if (authority.Length == 0)
        {
            if (audience.Length > 0)
            {
                problems.Add($"{entra.Path}:Authority: required when {entra.Path}:Audience is set; without it no token is accepted");
            }

            return;
        }

        if (!Uri.TryCreate(authority, UriKind.Absolute, out var uri) || (uri.Scheme != Uri.UriSchemeHttps && (https || uri.Scheme != Uri.UriSchemeHttp)))
        {
            problems.Add($"{entra.Path}:Authority: must be an absolute https URL such as https://login.microsoftonline.com/TENANT/v2.0 (got '{authority}')");
        }

        if (audience.Length == 0)
        {
            problems.Add($"{entra.Path}:Audience: required when {entra.Path}:Authority is set; without it tokens for any app would be accepted");
        }
    }

    private static void Unknown(IConfigurationSection section, string[] known, List<string> problems)
    {
        foreach (var child in section.GetChildren().Where(c => !known.Contains(c.Key, StringComparer.OrdinalIgnoreCase)))
        {
            problems.Add($"{child.Path}: unknown setting (expected one of: {string.Join(", ", known)})");
        }
    }

    [GeneratedRegex("^[A-Za-z0-9._-]{1,64}$")]
    private static partial Regex RoleName();
}
