using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;

namespace ClusterFunctions.Host.Hosting;

/// <summary>
/// The host's keys, named as Azure names them: the master key (admin), the <c>default</c> function key and the
/// <c>durabletask_extension</c> system key. Generated once and kept in the state directory, readable by the owner only.
/// </summary>
public sealed class HostKeys
{
    /// <summary>The system key name Azure gives the Durable extension's webhooks.</summary>
    public const string DurableSystemKeyName = "durabletask_extension";

    private static readonly JsonSerializerOptions FileFormat = new() { WriteIndented = true };

    private HostKeys(string masterKey, string defaultFunctionKey, string durableSystemKey, string filePath)
    {
        MasterKey = masterKey;
        DefaultFunctionKey = defaultFunctionKey;
        DurableSystemKey = durableSystemKey;
        FilePath = filePath;
    }

    /// <summary>Admin key: every function, every admin endpoint.</summary>
    public string MasterKey { get; }

    /// <summary>The <c>default</c> function key.</summary>
    public string DefaultFunctionKey { get; }

    /// <summary>The Durable extension's system key: the only key its webhooks accept.</summary>
    public string DurableSystemKey { get; }

    /// <summary>Where the keys are kept.</summary>
    public string FilePath { get; }

    /// <summary>Loads the keys from <c>keys.json</c> in the state directory, creating whichever are missing.</summary>
    public static HostKeys LoadOrCreate(string stateDirectory)
    {
        string path = Path.Combine(stateDirectory, "keys.json");
        KeysFile stored = File.Exists(path)
            ? JsonSerializer.Deserialize<KeysFile>(File.ReadAllText(path)) ?? new KeysFile()
            : new KeysFile();
        var complete = new KeysFile(OrNew(stored.MasterKey), OrNew(stored.DefaultFunctionKey), OrNew(stored.DurableSystemKey));
        if (complete != stored)
        {
            Directory.CreateDirectory(stateDirectory);
            string temporary = path + ".tmp";
            File.WriteAllText(temporary, JsonSerializer.Serialize(complete, FileFormat));
            if (!OperatingSystem.IsWindows())
            {
                File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            }

            File.Move(temporary, path, overwrite: true);
        }

        return new HostKeys(complete.MasterKey!, complete.DefaultFunctionKey!, complete.DurableSystemKey!, path);
    }

    /// <summary>True when <paramref name="presented"/> equals <paramref name="expected"/>, compared in constant time.</summary>
    public static bool Matches(string? presented, string expected) =>
        !string.IsNullOrEmpty(presented) &&
        CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(presented), Encoding.UTF8.GetBytes(expected));

    /// <summary>A new random key: 40 bytes, URL-safe base64.</summary>
    public static string NewKey() =>
        Convert.ToBase64String(RandomNumberGenerator.GetBytes(40)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static string OrNew(string? key) => string.IsNullOrEmpty(key) ? NewKey() : key;

    // The file's names are Azure's (masterKey, functionKeys.default, systemKeys.durabletask_extension).
    private sealed record KeysFile(
        [property: JsonPropertyName("masterKey")] string? MasterKey = null,
        [property: JsonPropertyName("functionKeys.default")] string? DefaultFunctionKey = null,
        [property: JsonPropertyName("systemKeys." + DurableSystemKeyName)] string? DurableSystemKey = null);
}
