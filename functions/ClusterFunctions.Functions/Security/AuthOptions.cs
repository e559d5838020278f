namespace ClusterFunctions.Functions.Security;

/// <summary>
/// Who may call the HTTP API (the "Auth" section): function keys for local and simple setups, Entra ID
/// bearer tokens in Azure, or both. With neither configured every route but health refuses callers.
/// </summary>
public sealed class AuthOptions
{
    /// <summary>Function keys by name; each key is a caller with roles.</summary>
    public Dictionary<string, FunctionKeyOptions> Keys { get; set; } = new(StringComparer.Ordinal);

    /// <summary>Entra ID token validation; unused when <see cref="EntraIdOptions.Authority"/> is empty.</summary>
    public EntraIdOptions EntraId { get; set; } = new();
}
