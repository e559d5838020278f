namespace ClusterFunctions.Messaging.Events;

/// <summary>Strips anything credential-like from endpoint addresses before they leave in an event.</summary>
internal static class EndpointRedaction
{
    public static IReadOnlyDictionary<string, string> Redact(IReadOnlyDictionary<string, string> endpoints)
    {
        var safe = new SortedDictionary<string, string>(StringComparer.Ordinal);
        foreach (var (name, value) in endpoints)
        {
            safe[name] = RedactOne(value);
        }

        return safe;
    }

    /// <summary>User info and query strings (SAS signatures, tokens) are dropped; plain addresses pass unchanged.</summary>
    static string RedactOne(string value)
    {
        if (!Uri.TryCreate(value, UriKind.Absolute, out var uri) || (uri.UserInfo.Length == 0 && uri.Query.Length == 0))
        {
            return value;
        }

        var builder = new UriBuilder(uri) { UserName = "", Password = "", Query = "" };
        return builder.Uri.GetLeftPart(UriPartial.Path);
    }
}
