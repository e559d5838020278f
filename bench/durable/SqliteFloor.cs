using System.Diagnostics;
using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Bench.Durable;

/// <summary>The raw SQLite floor: one-row write transactions with the engine's settings (WAL, synchronous=NORMAL, BEGIN IMMEDIATE).</summary>
internal static class SqliteFloor
{
    public static double MeasureCommitsPerSecond(string directory, TimeSpan duration)
    {
        var path = Path.Combine(directory, $"floor-{Guid.NewGuid():N}.db");
        try
        {
            using var connection = new SqliteConnection($"Data Source={path};Pooling=False");
            connection.Open();
            Execute(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000;");
            Execute(connection, "CREATE TABLE Floor (Id INTEGER PRIMARY KEY, Payload TEXT NOT NULL)");
            using var insert = connection.CreateCommand();
            insert.CommandText = "INSERT INTO Floor (Payload) VALUES ($p)";
            insert.Parameters.AddWithValue("$p", new string('x', 200));
            var commits = 0;
            var watch = Stopwatch.StartNew();
            while (watch.Elapsed < duration)
            {
                using var tx = connection.BeginTransaction(deferred: false);
                insert.Transaction = tx;
                insert.ExecuteNonQuery();
                tx.Commit();
                commits++;
            }

            return commits / watch.Elapsed.TotalSeconds;
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            foreach (var suffix in (string[])["", "-wal", "-shm"])
            {
                File.Delete(path + suffix);
            }
        }
    }

    private static void Execute(SqliteConnection connection, string sql)
    {
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.ExecuteNonQuery();
    }
}
