using System.Globalization;
using System.Security.Cryptography;
using System.Text;

namespace ClusterFunctions.LocalCloud.Persistence;

/// <summary>
/// One state file: a header line <c>clusterfunctions-state 1 LENGTH SHA256</c> and the payload. Writes go to a
/// temporary file that is flushed to disk and renamed over the old one, so a reader sees the old or the new
/// state, never a mix; the header turns a file damaged anyway (a torn copy, an edit by hand, a full disk) into
/// a <see cref="DataDirectoryException"/> instead of an emulator that silently starts empty.
/// </summary>
public static class StateFile
{
    private const string Magic = "clusterfunctions-state";
    private const int Version = 1;

    /// <summary>Replaces the file with the payload atomically.</summary>
    public static void Write(string path, ReadOnlySpan<byte> payload)
    {
        var header = Encoding.ASCII.GetBytes(string.Create(CultureInfo.InvariantCulture,
            $"{Magic} {Version} {payload.Length} {Convert.ToHexStringLower(SHA256.HashData(payload))}\n"));
        var temporary = path + ".tmp";
        using (var stream = new FileStream(temporary, FileMode.Create, FileAccess.Write, FileShare.None))
        {
            stream.Write(header);
            stream.Write(payload);
            stream.Flush(flushToDisk: true);
        }

        if (!OperatingSystem.IsWindows())
        {
            // The files may hold what a kubeconfig or a TLS key holds: the owner's only.
            File.SetUnixFileMode(temporary, UnixFileMode.UserRead | UnixFileMode.UserWrite);
        }

        File.Move(temporary, path, overwrite: true);
    }

    /// <summary>The payload, or null when the file does not exist; throws <see cref="DataDirectoryException"/> when it is damaged.</summary>
    public static byte[]? Read(string path)
    {
        byte[] bytes;
        try
        {
            bytes = File.ReadAllBytes(path);
        }
        catch (FileNotFoundException)
        {
            return null;
        }

        var newline = Array.IndexOf(bytes, (byte)'\n');
        var fields = newline < 0 ? [] : Encoding.ASCII.GetString(bytes, 0, newline).Split(' ');
        if (fields.Length != 4 || fields[0] != Magic)
        {
            throw Damaged(path, "it does not start with a state header");
        }

        if (fields[1] != Version.ToString(CultureInfo.InvariantCulture))
        {
            throw Damaged(path, $"it has format version {fields[1]}, and this build reads version {Version}");
        }

        var payload = bytes.AsSpan(newline + 1);
        if (!int.TryParse(fields[2], NumberStyles.None, CultureInfo.InvariantCulture, out var length) || length != payload.Length)
        {
            throw Damaged(path, $"the header promises {fields[2]} bytes and {payload.Length} follow (a torn or truncated write)");
        }

        if (!string.Equals(Convert.ToHexStringLower(SHA256.HashData(payload)), fields[3], StringComparison.Ordinal))
        {
            throw Damaged(path, "its SHA-256 does not match the header (the content was changed or damaged)");
        }

        return payload.ToArray();
    }

    private static DataDirectoryException Damaged(string path, string why) => new(
        $"The state file {path} is damaged: {why}. Nothing was loaded from it. Restore it from a backup, or move it away to start this emulator empty.");
}
