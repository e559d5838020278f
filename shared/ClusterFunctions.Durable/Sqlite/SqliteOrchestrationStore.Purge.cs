using ClusterFunctions.Durable.Storage;
using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Durable.Sqlite;

/// <summary>Purge of finished instances, by ID or in small batches so a large purge never holds the write lock long.</summary>
public sealed partial class SqliteOrchestrationStore
{
    private static readonly OrchestrationRuntimeStatus[] TerminalStatuses =
        [OrchestrationRuntimeStatus.Completed, OrchestrationRuntimeStatus.Failed, OrchestrationRuntimeStatus.Terminated, OrchestrationRuntimeStatus.Canceled];

    /// <inheritdoc/>
    public Task<int> PurgeInstanceAsync(string instanceId, bool recursive, CancellationToken cancellationToken = default) =>
        WriteAsync(
            (c, tx) =>
            {
                if (ExistingStatus(c, tx, instanceId) is not { } status || !status.IsTerminal())
                {
                    return 0;
                }

                var purged = 0;
                var pending = new Stack<string>([instanceId]);
                while (pending.TryPop(out var id))
                {
                    if (recursive)
                    {
                        foreach (var child in ChildInstances(c, tx, id))
                        {
                            pending.Push(child);
                        }
                    }

                    DeleteInstanceRows(c, tx, id);
                    purged++;
                }

                return purged;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<int> PurgeBatchAsync(InstanceFilter filter, int batchSize, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(batchSize, 1);
        var statuses = filter.Statuses is { Count: > 0 } requested ? TerminalStatuses.Intersect(requested).ToArray() : TerminalStatuses;
        if (statuses.Length == 0)
        {
            return Task.FromResult(0);
        }

        return WriteAsync(
            (c, tx) =>
            {
                var (where, parameters) = BuildWhere(filter with { Statuses = statuses });
                parameters.Add(("$limit", batchSize));
                var ids = new List<string>();
                var select = Command(c, tx, $"SELECT InstanceId FROM Instances WHERE {string.Join(" AND ", where)} LIMIT $limit", [.. parameters]);
                using (var reader = select.ExecuteReader())
                {
                    while (reader.Read())
                    {
                        ids.Add(reader.GetString(0));
                    }
                }

                foreach (var id in ids)
                {
                    DeleteInstanceRows(c, tx, id);
                }

                return ids.Count;
            },
            cancellationToken);
    }

    private static List<string> ChildInstances(SqliteConnection c, SqliteTransaction tx, string parentId)
    {
        var command = Command(c, tx, "SELECT InstanceId FROM Instances WHERE ParentInstanceId = $id", ("$id", parentId));
        using var reader = command.ExecuteReader();
        var children = new List<string>();
        while (reader.Read())
        {
            children.Add(reader.GetString(0));
        }

        return children;
    }
}
