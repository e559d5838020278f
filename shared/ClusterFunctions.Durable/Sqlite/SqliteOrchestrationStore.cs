using ClusterFunctions.Durable.Storage;
using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Durable.Sqlite;

/// <summary>
/// The embedded SQLite backend. In-process writes go through one connection in order; other processes on the
/// same file are serialized by SQLite's write lock (WAL, busy_timeout). Every operation is one transaction.
/// </summary>
public sealed partial class SqliteOrchestrationStore : IOrchestrationStore, IDisposable
{
    private const string ActiveStatuses = "(0, 6, 7)";
    private readonly SqliteStoreOptions options;
    private readonly TimeProvider timeProvider;
    private readonly string connectionString;
    private readonly SemaphoreSlim writeLock = new(1, 1);
    private readonly AsyncAutoResetSignal orchestrationWork;
    private readonly AsyncAutoResetSignal activityWork;
    private readonly ChangePulse instanceChanged = new();
    private SqliteConnection? writer;

    /// <summary>Creates the store; call <see cref="InitializeAsync"/> before use.</summary>
    public SqliteOrchestrationStore(SqliteStoreOptions options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        ArgumentException.ThrowIfNullOrWhiteSpace(options.DatabasePath, nameof(options.DatabasePath));
        if (options.Synchronous is not ("OFF" or "NORMAL" or "FULL" or "EXTRA"))
        {
            throw new ArgumentException("SqliteStoreOptions.Synchronous must be OFF, NORMAL, FULL or EXTRA.", nameof(options));
        }

        this.options = options;
        this.timeProvider = timeProvider;
        connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = options.DatabasePath,
            Pooling = true,
            DefaultTimeout = (int)Math.Ceiling(options.BusyTimeout.TotalSeconds),
        }.ToString();
        orchestrationWork = new AsyncAutoResetSignal(timeProvider);
        activityWork = new AsyncAutoResetSignal(timeProvider);
    }

    /// <inheritdoc/>
    public Task InstanceChanged => instanceChanged.Next;

    /// <inheritdoc/>
    public async Task InitializeAsync(CancellationToken cancellationToken = default)
    {
        if (Volatile.Read(ref writer) is not null)
        {
            return;
        }

        await writeLock.WaitAsync(cancellationToken);
        try
        {
            if (writer is not null)
            {
                return;
            }

            var directory = Path.GetDirectoryName(Path.GetFullPath(options.DatabasePath));
            if (!string.IsNullOrEmpty(directory))
            {
                Directory.CreateDirectory(directory);
            }

            var connection = Open();
            using (var wal = connection.CreateCommand())
            {
                wal.CommandText = "PRAGMA journal_mode=WAL;";
                wal.ExecuteNonQuery();
            }

            using (var tx = connection.BeginTransaction(deferred: false))
            using (var create = connection.CreateCommand())
            {
                create.Transaction = tx;
                create.CommandText = SqliteSchema.Create;
                create.ExecuteNonQuery();
                tx.Commit();
            }

            writer = connection;
        }
        finally
        {
            writeLock.Release();
        }
    }

    /// <inheritdoc/>
    public Task WaitForOrchestrationWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        orchestrationWork.WaitAsync(maxWait, cancellationToken);

    /// <inheritdoc/>
    public Task WaitForActivityWorkAsync(TimeSpan maxWait, CancellationToken cancellationToken = default) =>
        activityWork.WaitAsync(maxWait, cancellationToken);

    /// <inheritdoc/>
    public void Dispose()
    {
        writer?.Dispose();
        writeLock.Dispose();
    }

    private long Now => timeProvider.GetUtcNow().UtcTicks;

    private DateTime NowUtc => timeProvider.GetUtcNow().UtcDateTime;

    private SqliteConnection Open()
    {
        var connection = new SqliteConnection(connectionString);
        connection.Open();
        using var pragmas = connection.CreateCommand();
        pragmas.CommandText =
            $"PRAGMA busy_timeout={(int)options.BusyTimeout.TotalMilliseconds}; PRAGMA synchronous={options.Synchronous}; PRAGMA foreign_keys=OFF;";
        pragmas.ExecuteNonQuery();
        return connection;
    }

    /// <summary>Runs <paramref name="work"/> in one BEGIN IMMEDIATE transaction on the writer connection.</summary>
    private async Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        await writeLock.WaitAsync(cancellationToken);
        try
        {
            var connection = writer ?? throw new InvalidOperationException("Call InitializeAsync before using the SQLite store.");
            using var tx = connection.BeginTransaction(deferred: false);
            try
            {
                var result = work(connection, tx);
                tx.Commit();
                return result;
            }
            catch (RollbackException rollback)
            {
                tx.Rollback();
                return (T)rollback.Result!;
            }
        }
        finally
        {
            writeLock.Release();
        }
    }

    private async Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        await Task.Yield();
        using var connection = Open();
        return work(connection);
    }

    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = connection.CreateCommand();
        command.Transaction = tx;
        command.CommandText = sql;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        return command.ExecuteNonQuery();
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        using var command = Command(connection, tx, sql, parameters);
        var value = command.ExecuteScalar();
        return value is DBNull ? null : value;
    }

    private static DateTime? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTime(reader.GetInt64(ordinal), DateTimeKind.Utc);

    private static string? ReadString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    /// <summary>Thrown inside a write to roll it back and return <see cref="Result"/>.</summary>
    private sealed class RollbackException(object? result) : Exception("rollback")
    {
        public object? Result { get; } = result;
    }
}
