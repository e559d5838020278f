using System.Security.Cryptography;

namespace ClusterFunctions.Functions.Security;

/// <summary>Creates function keys the way the Functions host does: random, URL-safe, 256 bits.</summary>
public static class FunctionKeys
{
    public static string Generate() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>Settings that register one key with roles (for embedded runs, tests and the bench).</summary>
    public static Dictionary<string, string?> Settings(string name, string value, string roles) => new()
    {
        [$"Auth:Keys:{name}:Value"] = value,
        [$"Auth:Keys:{name}:Roles"] = roles,
    };
}
