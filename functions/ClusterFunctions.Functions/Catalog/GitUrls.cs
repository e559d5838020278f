namespace ClusterFunctions.Functions.Catalog;

/// <summary>Repository addresses as they may be shown: no user info, query or fragment, where a token could hide.</summary>
public static class GitUrls
{
    public static string Redact(string? url)
    {
        if (!Uri.TryCreate(url, UriKind.Absolute, out var parsed))
        {
            return "(not a URL)";
        }

        return parsed.IsDefaultPort || parsed.Port < 0
            ? $"{parsed.Scheme}://{parsed.Host}{parsed.AbsolutePath}"
            : $"{parsed.Scheme}://{parsed.Host}:{parsed.Port}{parsed.AbsolutePath}";
    }
}
