using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Durable.Sqlite;

/// <summary>Activity task leases, completions and lease renewal.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <inheritdoc/>
    public Task<IReadOnlyList<ActivityWorkItem>> LockNextActivitiesAsync(
        string workerId, TimeSpan lockTimeout, int maxCount, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return WriteAsync<IReadOnlyList<ActivityWorkItem>>(
            (c, tx) =>
            {
                var take = Command(
                    c,
                    tx,
                    """
                    UPDATE NewTasks SET LockedBy = $me, LockExpiration = $expires, DequeueCount = DequeueCount + 1
                    WHERE SequenceNumber IN (
                        SELECT SequenceNumber FROM NewTasks
                        WHERE VisibleTime <= $now AND (LockExpiration IS NULL OR LockExpiration < $now)
                        ORDER BY SequenceNumber LIMIT $max)
                    RETURNING SequenceNumber, InstanceId, ExecutionId, Payload, DequeueCount, LastError
                    """,
                    ("$me", workerId),
                    ("$expires", now + lockTimeout.Ticks),
                    ("$now", now),
                    ("$max", maxCount));
                using var reader = take.ExecuteReader();
                var items = new List<ActivityWorkItem>();
                while (reader.Read())
                {
                    items.Add(new ActivityWorkItem(
                        reader.GetInt64(0),
                        workerId,
                        reader.GetString(1),
                        reader.GetString(2),
                        StoreJson.Deserialize<HistoryEvent>(reader.GetString(3))!,
                        reader.GetInt32(4),
                        ReadString(reader, 5)));
                }

                items.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
                return items;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<ActivityCompletionResult> CompleteActivitiesAsync(
        IReadOnlyList<ActivityResult> results, OrchestrationClaim? claim = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(results);
        var now = Now;
        var outcome = await WriteAsync(
            (c, tx) =>
            {
                var delete = Command(c, tx, "DELETE FROM NewTasks WHERE SequenceNumber = $seq AND LockedBy = $me", ("$seq", 0L), ("$me", string.Empty));
                var insert = Command(
                    c,
                    tx,
                    $"""
                    INSERT INTO NewEvents (InstanceId, ExecutionId, VisibleTime, Payload)
                    SELECT $id, $exec, $now, $payload WHERE EXISTS (
                        SELECT 1 FROM Instances WHERE InstanceId = $id AND ExecutionId = $exec AND RuntimeStatus IN {ActiveStatuses})
                    """,
                    ("$id", string.Empty),
                    ("$exec", string.Empty),
                    ("$now", now),
                    ("$payload", string.Empty));
                var accepted = new bool[results.Count];
                for (var i = 0; i < results.Count; i++)
                {
                    var item = results[i].WorkItem;
                    delete.Parameters["$seq"].Value = item.SequenceNumber;
                    delete.Parameters["$me"].Value = item.LockedBy;
                    if (delete.ExecuteNonQuery() == 0)
                    {
                        // Another worker took the task after our lease expired; its result wins, ours is dropped.
                        continue;
                    }

                    insert.Parameters["$id"].Value = item.InstanceId;
                    insert.Parameters["$exec"].Value = item.ExecutionId;
                    insert.Parameters["$payload"].Value = StoreJson.Serialize(results[i].Outcome);
                    insert.ExecuteNonQuery();
                    accepted[i] = true;
                }

                return new ActivityCompletionResult(accepted, ClaimInstances(c, tx, results, accepted, claim, now));
            },
            cancellationToken);
        if (outcome.ClaimedOrchestrations.Count < outcome.Accepted.Count(a => a))
        {
            orchestrationWork.Set();
        }

        return outcome;
    }

    private static List<OrchestrationWorkItem> ClaimInstances(
        SqliteConnection c, SqliteTransaction tx, IReadOnlyList<ActivityResult> results, bool[] accepted, OrchestrationClaim? claim, long now)
    {
        var claimed = new List<OrchestrationWorkItem>();
        if (claim is null)
        {
            return claimed;
        }

        var seen = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < results.Count && claimed.Count < claim.MaxInstances; i++)
        {
            var instanceId = results[i].WorkItem.InstanceId;
            if (!accepted[i] || !seen.Add(instanceId)
                || LeaseInstance(c, tx, instanceId, claim.WorkerId, now, claim.LockTimeout, claim.MaxMessages) is not { } item)
            {
                continue;
            }

            if (item.Messages.Count == 0)
            {
                // The result was dropped (instance finished meanwhile): nothing to run, so give the lease back.
                Execute(c, tx, "UPDATE Instances SET LockedBy = NULL, LockExpiration = NULL WHERE InstanceId = $id", ("$id", instanceId));
                continue;
            }

            claimed.Add(item);
        }

        return claimed;
    }

    /// <inheritdoc/>
    public async Task AbandonActivityAsync(ActivityWorkItem workItem, TimeSpan delay, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var visible = Now + delay.Ticks;
        await WriteAsync(
            (c, tx) => Execute(
                c,
                tx,
                """
                UPDATE NewTasks SET LockedBy = NULL, LockExpiration = NULL, VisibleTime = $visible, LastError = $error
                WHERE SequenceNumber = $seq AND LockedBy = $me
                """,
                ("$visible", visible),
                ("$error", error),
                ("$seq", workItem.SequenceNumber),
                ("$me", workItem.LockedBy)),
            cancellationToken);
        activityWork.Set();
    }

    /// <inheritdoc/>
    public Task RenewLocksAsync(
        string workerId, IReadOnlyCollection<string> instanceIds, IReadOnlyCollection<long> taskSequenceNumbers, TimeSpan lockTimeout, CancellationToken cancellationToken = default)
    {
        if (instanceIds.Count == 0 && taskSequenceNumbers.Count == 0)
        {
            return Task.CompletedTask;
        }

        var expires = Now + lockTimeout.Ticks;
        return WriteAsync(
            (c, tx) =>
            {
                var instances = Command(
                    c, tx, "UPDATE Instances SET LockExpiration = $expires WHERE InstanceId = $id AND LockedBy = $me", ("$expires", expires), ("$id", string.Empty), ("$me", workerId));
                foreach (var id in instanceIds)
                {
                    instances.Parameters["$id"].Value = id;
                    instances.ExecuteNonQuery();
                }

                var tasks = Command(
                    c, tx, "UPDATE NewTasks SET LockExpiration = $expires WHERE SequenceNumber = $seq AND LockedBy = $me", ("$expires", expires), ("$seq", 0L), ("$me", workerId));
                foreach (var seq in taskSequenceNumbers)
                {
                    tasks.Parameters["$seq"].Value = seq;
                    tasks.ExecuteNonQuery();
                }

                return true;
            },
            cancellationToken);
    }
}
