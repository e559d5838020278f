using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ClusterFunctions.LocalCloud.ServiceBus.Security;

/// <summary>Checks Service Bus shared access signatures against the configured key name and key.</summary>
internal sealed class SasTokenValidator(string keyName, string key)
{
    const string Prefix = "SharedAccessSignature ";

    /// <summary>The token's audience (its decoded <c>sr</c>) and expiry when the signature holds; otherwise the reason it does not.</summary>
    public bool TryValidate(string token, DateTimeOffset now, out string audience, out DateTimeOffset expiresAt, out string error)
    {
        audience = "";
        expiresAt = default;
        if (!token.StartsWith(Prefix, StringComparison.Ordinal))
        {
            error = "token: must start with 'SharedAccessSignature '";
            return false;
        }

        var fields = token[Prefix.Length..]
            .Split('&', StringSplitOptions.RemoveEmptyEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .GroupBy(pair => pair[0], StringComparer.Ordinal)
            .ToDictionary(group => group.Key, group => group.First()[1], StringComparer.Ordinal);
        if (!fields.TryGetValue("sr", out var resource) || !fields.TryGetValue("sig", out var signature)
            || !fields.TryGetValue("se", out var expiry) || !fields.TryGetValue("skn", out var name))
        {
            error = "token: sr, sig, se and skn are all required";
            return false;
        }

        if (!string.Equals(WebUtility.UrlDecode(name), keyName, StringComparison.Ordinal))
        {
            error = "skn: unknown shared access key name";
            return false;
        }

        if (!long.TryParse(expiry, out var expirySeconds))
        {
            error = "se: must be seconds since 1970";
            return false;
        }

        var expected = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(resource + "\n" + expiry));
        byte[] given;
        try
        {
            given = Convert.FromBase64String(WebUtility.UrlDecode(signature));
        }
        catch (FormatException)
        {
            error = "sig: not base64";
            return false;
        }

        if (!CryptographicOperations.FixedTimeEquals(expected, given))
        {
            error = "sig: signature does not match the key";
            return false;
        }

        expiresAt = DateTimeOffset.FromUnixTimeSeconds(expirySeconds);
        if (expiresAt <= now)
        {
            error = "se: token has expired";
            return false;
        }

        audience = WebUtility.UrlDecode(resource);
        error = "";
        return true;
    }
}
