namespace ClusterFunctions.LocalCloud.Persistence;

/// <summary>
/// Holds a data directory for one emulator: an OS lock on <c>.lock</c> inside it, taken without waiting and
/// released by <see cref="Dispose"/> or by the operating system when the process dies (so a killed emulator
/// leaves nothing to clean up). Two emulators writing one directory would overwrite each other's state.
/// </summary>
public sealed class DataDirectoryLock : IDisposable
{
    private const string FileName = ".lock";
    private readonly FileStream _stream;

    private DataDirectoryLock(string directory, FileStream stream)
    {
        Directory = directory;
        _stream = stream;
    }

    /// <summary>The locked directory (full path).</summary>
    public string Directory { get; }

    /// <summary>Creates the directory if needed and locks it, or throws <see cref="DataDirectoryException"/> when another process holds it.</summary>
    public static DataDirectoryLock Acquire(string directory, string owner)
    {
        var full = Path.GetFullPath(directory);
        System.IO.Directory.CreateDirectory(full);
        var path = Path.Combine(full, FileName);
        FileStream stream;
        try
        {
            // FileShare.None is an exclusive flock(2) on Unix and a share-mode lock on Windows: both are released
            // when the process ends, however it ends.
            stream = new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
        }
        catch (IOException ex)
        {
            throw new DataDirectoryException(
                $"The data directory {full} is in use by another {owner} (it holds {path}). Stop that process or pass another data directory.", ex);
        }

        try
        {
            // Who holds it, for people looking at the directory; the lock itself is what keeps others out.
            stream.SetLength(0);
            using var writer = new StreamWriter(stream, leaveOpen: true);
            writer.Write($"{Environment.ProcessId} {owner}\n");
        }
        catch
        {
            stream.Dispose();
            throw;
        }

        return new DataDirectoryLock(full, stream);
    }

    public void Dispose() => _stream.Dispose();
}
