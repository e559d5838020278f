namespace ClusterFunctions.Durable.Sqlite;

/// <summary>Where the SQLite database lives and how durable each commit is.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Path of the database file; several processes may share it.</summary>
    public string DatabasePath { get; set; } = "durable.db";

    /// <summary>
    /// PRAGMA synchronous in WAL mode. NORMAL survives process crashes (SIGKILL) with every commit kept; FULL also
    /// survives power loss at the price of an fsync per commit.
    /// </summary>
    public string Synchronous { get; set; } = "NORMAL";

    /// <summary>How long a writer waits for another process's write lock before failing.</summary>
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(30);
}
