using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Durable.Sqlite;

/// <summary>The statements a lease or checkpoint is made of.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <summary>Leases <paramref name="instanceId"/> if its lease is free and takes its visible messages; null when taken.</summary>
    private static OrchestrationWorkItem? LeaseInstance(
        SqliteConnection c, SqliteTransaction tx, string instanceId, string workerId, long now, TimeSpan lockTimeout, int maxMessages)
    {
        InstanceRecord instance;
        var lease = Command(
            c,
            tx,
            $"UPDATE Instances SET LockedBy = $me, LockExpiration = $expires WHERE InstanceId = $id AND (LockExpiration IS NULL OR LockExpiration < $now) RETURNING {InstanceColumns}",
            ("$me", workerId),
            ("$expires", now + lockTimeout.Ticks),
            ("$id", instanceId),
            ("$now", now));
        using (var reader = lease.ExecuteReader())
        {
            if (!reader.Read())
            {
                return null;
            }

            instance = ReadInstance(reader, includePayloads: false);
        }

        var messages = new List<InboundMessage>();
        var take = Command(
            c,
            tx,
            """
            UPDATE NewEvents SET DequeueCount = DequeueCount + 1
            WHERE SequenceNumber IN (
                SELECT SequenceNumber FROM NewEvents WHERE InstanceId = $id AND VisibleTime <= $now ORDER BY SequenceNumber LIMIT $max)
            RETURNING SequenceNumber, ExecutionId, Payload, DequeueCount, LastError
            """,
            ("$id", instanceId),
            ("$now", now),
            ("$max", maxMessages));
        using (var reader = take.ExecuteReader())
        {
            while (reader.Read())
            {
                messages.Add(new InboundMessage(
                    reader.GetInt64(0),
                    ReadString(reader, 1),
                    StoreJson.Deserialize<HistoryEvent>(reader.GetString(2))!,
                    reader.GetInt32(3),
                    ReadString(reader, 4)));
            }
        }

        messages.Sort((a, b) => a.SequenceNumber.CompareTo(b.SequenceNumber));
        return new OrchestrationWorkItem(workerId, instance, messages);
    }

    private static int ReleaseLease(SqliteConnection c, SqliteTransaction tx, OrchestrationWorkItem workItem) =>
        Execute(
            c,
            tx,
            "UPDATE Instances SET LockedBy = NULL, LockExpiration = NULL WHERE InstanceId = $id AND LockedBy = $me",
            ("$id", workItem.InstanceId),
            ("$me", workItem.LockedBy));

    private static void AppendHistory(
        SqliteConnection c, SqliteTransaction tx, string instanceId, string executionId, int sequenceBase, IReadOnlyList<HistoryEvent> events)
    {
        if (events.Count == 0)
        {
            return;
        }

        var insert = Command(
            c,
            tx,
            "INSERT INTO History (InstanceId, SequenceNumber, ExecutionId, Payload) VALUES ($id, $seq, $exec, $payload)",
            ("$id", instanceId),
            ("$seq", 0),
            ("$exec", executionId),
            ("$payload", string.Empty));
        for (var i = 0; i < events.Count; i++)
        {
            insert.Parameters["$seq"].Value = sequenceBase + i;
            insert.Parameters["$payload"].Value = StoreJson.Serialize(events[i]);
            insert.ExecuteNonQuery();
        }
    }

    private static void DeleteMessages(SqliteConnection c, SqliteTransaction tx, IReadOnlyList<InboundMessage> messages)
    {
        if (messages.Count == 0)
        {
            return;
        }

        var delete = Command(c, tx, "DELETE FROM NewEvents WHERE SequenceNumber = $seq", ("$seq", 0L));
        foreach (var message in messages)
        {
            delete.Parameters["$seq"].Value = message.SequenceNumber;
            delete.ExecuteNonQuery();
        }
    }

    private static List<ActivityWorkItem> InsertTasks(
        SqliteConnection c, SqliteTransaction tx, IReadOnlyList<NewActivityTask> tasks, long now, TaskClaim? claim)
    {
        var claimed = new List<ActivityWorkItem>();
        if (tasks.Count == 0)
        {
            return claimed;
        }

        var insert = Command(
            c,
            tx,
            """
            INSERT INTO NewTasks (InstanceId, ExecutionId, VisibleTime, DequeueCount, LockedBy, LockExpiration, Payload)
            VALUES ($id, $exec, $now, $dequeued, $lockedBy, $expires, $payload) RETURNING SequenceNumber
            """,
            ("$id", string.Empty),
            ("$exec", string.Empty),
            ("$now", now),
            ("$dequeued", 0),
            ("$lockedBy", null),
            ("$expires", null),
            ("$payload", string.Empty));
        foreach (var task in tasks)
        {
            var claimIt = claim is not null && claimed.Count < claim.MaxTasks;
            insert.Parameters["$id"].Value = task.InstanceId;
            insert.Parameters["$exec"].Value = task.ExecutionId;
            insert.Parameters["$dequeued"].Value = claimIt ? 1 : 0;
            insert.Parameters["$lockedBy"].Value = claimIt ? claim!.WorkerId : DBNull.Value;
            insert.Parameters["$expires"].Value = claimIt ? now + claim!.LockTimeout.Ticks : DBNull.Value;
            insert.Parameters["$payload"].Value = StoreJson.Serialize(task.TaskScheduled);
            var sequence = (long)insert.ExecuteScalar()!;
            if (claimIt)
            {
                claimed.Add(new ActivityWorkItem(sequence, claim!.WorkerId, task.InstanceId, task.ExecutionId, task.TaskScheduled, 1, null));
            }
        }

        return claimed;
    }

    private static bool InsertMessageIfInstanceExists(SqliteConnection c, SqliteTransaction tx, TaskMessage message) =>
        Execute(
            c,
            tx,
            """
            INSERT INTO NewEvents (InstanceId, ExecutionId, VisibleTime, Payload)
            SELECT $id, $exec, $visible, $payload WHERE EXISTS (SELECT 1 FROM Instances WHERE InstanceId = $id)
            """,
            ("$id", message.InstanceId),
            ("$exec", message.ExecutionId),
            ("$visible", message.VisibleAt.ToUniversalTime().Ticks),
            ("$payload", StoreJson.Serialize(message.Event))) > 0;

    private static void CreateSubOrchestration(SqliteConnection c, SqliteTransaction tx, NewOrchestrationInstance child, long now)
    {
        var existing = ExistingStatus(c, tx, child.InstanceId);
        if (existing is { } status && !status.IsTerminal())
        {
            // The parent asked for an ID that is in use: fail its task instead of hijacking the running instance.
            var parent = child.ExecutionStarted.ParentInstance!;
            var failure = new OrchestrationAlreadyExistsException(child.InstanceId, status);
            InsertMessageIfInstanceExists(
                c,
                tx,
                new TaskMessage(
                    parent.InstanceId,
                    parent.ExecutionId,
                    new HistoryEvent
                    {
                        EventType = EventType.SubOrchestrationInstanceFailed,
                        TaskScheduledId = parent.TaskScheduledId,
                        Timestamp = new DateTime(now, DateTimeKind.Utc),
                        FailureDetails = TaskFailureDetails.FromException(failure),
                    },
                    new DateTime(now, DateTimeKind.Utc)));
            return;
        }

        if (existing is not null)
        {
            DeleteInstanceRows(c, tx, child.InstanceId);
        }

        InsertInstance(c, tx, child, now);
    }
}
