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
    private readonly System.Threading.Channels.Channel<IWriteOperation> writes =
        System.Threading.Channels.Channel.CreateUnbounded<IWriteOperation>(new System.Threading.Channels.UnboundedChannelOptions { SingleReader = true });
    private Task? writerLoop;
    private readonly System.Collections.Concurrent.ConcurrentBag<SqliteConnection> readers = [];
    private readonly Dictionary<string, SqliteCommand> writerCommands = new(StringComparer.Ordinal);

    /// <summary>Prepared statements of each store's writer connection, found from the connection in static helpers.</summary>
    private static readonly System.Runtime.CompilerServices.ConditionalWeakTable<SqliteConnection, Dictionary<string, SqliteCommand>> WriterCommandCache = [];
    private SqliteConnection? writer;
    private long committedTransactions;
    private long committedOperations;

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

        // Polling paces I/O in wall-clock time; what is due (visibility, leases, timers) is judged by the injected clock.
        // A fake clock that jumps forward is then noticed at the next real poll instead of never.
        orchestrationWork = new AsyncAutoResetSignal(TimeProvider.System);
        activityWork = new AsyncAutoResetSignal(TimeProvider.System);
    }

    /// <inheritdoc/>
    public Task WhenInstanceChanges(string instanceId) => instanceChanged.Next(instanceId);

    /// <summary>Write transactions this object has committed (for benchmarks and diagnostics).</summary>
    public long CommittedTransactions => Interlocked.Read(ref committedTransactions);

    /// <summary>Write operations (checkpoints, leases, completions, ...) committed; one transaction may carry many.</summary>
    public long CommittedOperations => Interlocked.Read(ref committedOperations);

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

            WriterCommandCache.Add(connection, writerCommands);
            writer = connection;
            writerLoop = Task.Factory.StartNew(RunWriterAsync, CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default).Unwrap();
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
        writes.Writer.TryComplete();
        writerLoop?.GetAwaiter().GetResult();
        foreach (var command in writerCommands.Values)
        {
            command.Dispose();
        }

        writer?.Dispose();
        while (readers.TryTake(out var reader))
        {
            reader.Dispose();
        }

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

    /// <summary>Runs a read on a pooled reader connection (WAL readers never block the writer).</summary>
    private Task<T> ReadAsync<T>(Func<SqliteConnection, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        var connection = readers.TryTake(out var pooled) ? pooled : Open();
        try
        {
            return Task.FromResult(work(connection));
        }
        finally
        {
            if (readers.Count < 8)
            {
                readers.Add(connection);
            }
            else
            {
                connection.Dispose();
            }
        }
    }

    /// <summary>
    /// A command for <paramref name="sql"/>. Inside a write transaction it is the writer's cached, already prepared
    /// statement (only the writer loop uses that connection), and callers must not dispose it.
    /// </summary>
    private static SqliteCommand Command(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        SqliteCommand command;
        if (tx is not null && WriterCommandCache.TryGetValue(connection, out var cache))
        {
            if (!cache.TryGetValue(sql, out command!))
            {
                command = connection.CreateCommand();
                command.CommandText = sql;
                if (cache.Count < 256)
                {
                    cache[sql] = command;
                }
            }

            command.Parameters.Clear();
        }
        else
        {
            command = connection.CreateCommand();
            command.CommandText = sql;
        }

        command.Transaction = tx;
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, value ?? DBNull.Value);
        }

        return command;
    }

    private static int Execute(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, tx, sql, parameters);
        try
        {
            return command.ExecuteNonQuery();
        }
        finally
        {
            Release(command, tx);
        }
    }

    private static object? Scalar(SqliteConnection connection, SqliteTransaction? tx, string sql, params (string Name, object? Value)[] parameters)
    {
        var command = Command(connection, tx, sql, parameters);
        try
        {
            var value = command.ExecuteScalar();
            return value is DBNull ? null : value;
        }
        finally
        {
            Release(command, tx);
        }
    }

    /// <summary>Disposes commands outside transactions; cached writer commands stay prepared.</summary>
    private static void Release(SqliteCommand command, SqliteTransaction? tx)
    {
        if (tx is null)
        {
            command.Dispose();
        }
    }

    private static DateTime? ReadTime(SqliteDataReader reader, int ordinal) =>
        reader.IsDBNull(ordinal) ? null : new DateTime(reader.GetInt64(ordinal), DateTimeKind.Utc);

    private static string? ReadString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);
}
