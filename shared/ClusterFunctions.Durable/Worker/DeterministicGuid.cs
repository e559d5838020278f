using System.Security.Cryptography;
using System.Text;

namespace ClusterFunctions.Durable.Worker;

/// <summary>Name-based UUID v5 (RFC 4122, SHA-1) with Durable Task's namespace, so replays produce the same GUIDs.</summary>
internal static class DeterministicGuid
{
    private static readonly Guid Namespace = new("9e952958-5e33-4daf-827f-2fa12937b875");

    public static Guid Create(string name)
    {
        var ns = Namespace.ToByteArray(bigEndian: true);
        var nameBytes = Encoding.UTF8.GetBytes(name);
        var buffer = new byte[ns.Length + nameBytes.Length];
        ns.CopyTo(buffer, 0);
        nameBytes.CopyTo(buffer, ns.Length);
        var hash = SHA1.HashData(buffer);
        var bytes = hash.AsSpan(0, 16).ToArray();
        bytes[6] = (byte)((bytes[6] & 0x0F) | 0x50);
        bytes[8] = (byte)((bytes[8] & 0x3F) | 0x80);
        return new Guid(bytes, bigEndian: true);
    }
}
