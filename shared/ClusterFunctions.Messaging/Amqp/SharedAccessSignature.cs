using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using System.Text;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Builds Service Bus SAS tokens: HMAC-SHA256 over the URL-encoded audience and the expiry.</summary>
public static class SharedAccessSignature
{
    /// <summary>A token for <paramref name="audience"/> signed with the key, valid until <paramref name="expiresAt"/>.</summary>
    public static string Create(string audience, string keyName, string key, DateTimeOffset expiresAt)
    {
        var resource = WebUtility.UrlEncode(audience);
        var expiry = expiresAt.ToUnixTimeSeconds().ToString(CultureInfo.InvariantCulture);
        var signature = HMACSHA256.HashData(Encoding.UTF8.GetBytes(key), Encoding.UTF8.GetBytes(resource + "\n" + expiry));
        return $"SharedAccessSignature sr={resource}&sig={WebUtility.UrlEncode(Convert.ToBase64String(signature))}&se={expiry}&skn={WebUtility.UrlEncode(keyName)}";
    }
}
