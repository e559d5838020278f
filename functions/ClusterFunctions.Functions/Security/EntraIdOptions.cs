namespace ClusterFunctions.Functions.Security;

/// <summary>Entra ID (JwtBearer) settings: the tenant authority and the app's audience.</summary>
public sealed class EntraIdOptions
{
    /// <summary>e.g. https://login.microsoftonline.com/{tenant}/v2.0</summary>
    public string Authority { get; set; } = "";

    /// <summary>The API's application id URI or client id.</summary>
    public string Audience { get; set; } = "";

    /// <summary>Whether the authority's metadata must come over HTTPS; turn off only for a loopback test provider.</summary>
    public bool RequireHttpsMetadata { get; set; } = true;
}
