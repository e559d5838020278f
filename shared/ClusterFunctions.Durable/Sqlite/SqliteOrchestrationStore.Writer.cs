using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Durable.Sqlite;

/// <summary>The single writer: group commit of queued write operations, each inside its own savepoint.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <summary>
    /// Queues <paramref name="work"/> for the writer, which commits everything queued at that moment in one BEGIN IMMEDIATE
    /// transaction (group commit), each piece inside its own savepoint so one failure or lost lease undoes only itself.
    /// The task completes after the commit.
    /// </summary>
    private Task<T> WriteAsync<T>(Func<SqliteConnection, SqliteTransaction, T> work, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        if (writer is null)
        {
            throw new InvalidOperationException("Call InitializeAsync before using the SQLite store.");
        }

        var operation = new WriteOperation<T>(work);
        if (!writes.Writer.TryWrite(operation))
        {
            throw new ObjectDisposedException(nameof(SqliteOrchestrationStore));
        }

        return operation.Task;
    }

    private async Task RunWriterAsync()
    {
        var batch = new List<IWriteOperation>();
        while (await writes.Reader.WaitToReadAsync())
        {
            batch.Clear();
            while (batch.Count < 256 && writes.Reader.TryRead(out var operation))
            {
                batch.Add(operation);
            }

            CommitBatch(batch);
        }
    }

    private void CommitBatch(List<IWriteOperation> batch)
    {
        var connection = writer!;
        try
        {
            using var tx = connection.BeginTransaction(deferred: false);
            var single = batch.Count == 1;
            foreach (var operation in batch)
            {
                if (!single)
                {
                    Execute(connection, tx, "SAVEPOINT op");
                }

                try
                {
                    operation.Run(connection, tx);
                    if (!single)
                    {
                        Execute(connection, tx, "RELEASE op");
                    }
                }
                catch (Exception ex)
                {
                    if (single)
                    {
                        tx.Rollback();
                        operation.Finish(ex);
                        return;
                    }

                    Execute(connection, tx, "ROLLBACK TO op");
                    Execute(connection, tx, "RELEASE op");
                    operation.Fail(ex);
                }
            }

            tx.Commit();
            Interlocked.Increment(ref committedTransactions);
            Interlocked.Add(ref committedOperations, batch.Count);
        }
        catch (Exception ex)
        {
            // Nothing of this batch is durable: every caller sees the error.
            foreach (var operation in batch)
            {
                operation.Fail(ex);
            }

            return;
        }

        foreach (var operation in batch)
        {
            operation.Finish(null);
        }
    }

    private interface IWriteOperation
    {
        void Run(SqliteConnection connection, SqliteTransaction tx);

        void Fail(Exception error);

        /// <summary>Completes after commit (error null) or after a whole-transaction rollback (error set).</summary>
        void Finish(Exception? error);
    }

    private sealed class WriteOperation<T>(Func<SqliteConnection, SqliteTransaction, T> work) : IWriteOperation
    {
        private readonly TaskCompletionSource<T> completion = new(TaskCreationOptions.RunContinuationsAsynchronously);
        private T result = default!;
        private Exception? failure;

        public Task<T> Task => completion.Task;

        public void Run(SqliteConnection connection, SqliteTransaction tx) => result = work(connection, tx);

        public void Fail(Exception error) => failure = error;

        public void Finish(Exception? error)
        {
            var outcome = error ?? failure;
            if (outcome is RollbackException rollback)
            {
                completion.TrySetResult((T)rollback.Result!);
            }
            else if (outcome is not null)
            {
                completion.TrySetException(outcome);
            }
            else
            {
                completion.TrySetResult(result);
            }
        }
    }

    /// <summary>Thrown inside a write to roll it back and return <see cref="Result"/>.</summary>
    private sealed class RollbackException(object? result) : Exception("rollback")
    {
        public object? Result { get; } = result;
    }
}
