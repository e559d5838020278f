using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Durable.Sqlite;

/// <summary>Instance leases and episode checkpoints.</summary>
public sealed partial class SqliteOrchestrationStore
{
    /// <inheritdoc/>
    public Task<OrchestrationWorkItem?> LockNextOrchestrationAsync(
        string workerId, TimeSpan lockTimeout, int maxMessages, CancellationToken cancellationToken = default)
    {
        var now = Now;
        return WriteAsync(
            (c, tx) =>
            {
                var instanceId = Scalar(
                    c,
                    tx,
                    """
                    SELECT e.InstanceId FROM NewEvents e JOIN Instances i ON i.InstanceId = e.InstanceId
                    WHERE e.VisibleTime <= $now AND (i.LockExpiration IS NULL OR i.LockExpiration < $now)
                    ORDER BY e.SequenceNumber LIMIT 1
                    """,
                    ("$now", now)) as string;
                if (instanceId is null)
                {
                    return null;
                }

                return LeaseInstance(c, tx, instanceId, workerId, now, lockTimeout, maxMessages);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task<CheckpointResult> CompleteOrchestrationAsync(
        OrchestrationWorkItem workItem, OrchestrationCheckpoint checkpoint, TaskClaim? claim = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        ArgumentNullException.ThrowIfNull(checkpoint);
        var now = Now;
        var (result, wakeOrchestrations) = await WriteAsync(
            (c, tx) =>
            {
                var historyBase = checkpoint.ResetHistory ? 0 : workItem.Instance.HistoryCount;
                var updated = Execute(
                    c,
                    tx,
                    """
                    UPDATE Instances SET ExecutionId = $exec, RuntimeStatus = $status, LastUpdatedTime = $now,
                        CompletedTime = $completed, Input = COALESCE($input, Input), Output = $output, CustomStatus = $custom,
                        FailureDetails = $failure, HistoryCount = $count, LockedBy = NULL, LockExpiration = NULL
                    WHERE InstanceId = $id AND LockedBy = $me
                    """,
                    ("$exec", checkpoint.ExecutionId),
                    ("$status", (int)checkpoint.RuntimeStatus),
                    ("$now", now),
                    ("$completed", checkpoint.RuntimeStatus.IsTerminal() ? now : null),
                    ("$input", checkpoint.Input),
                    ("$output", checkpoint.Output),
                    ("$custom", checkpoint.CustomStatus),
                    ("$failure", checkpoint.FailureDetails is null ? null : StoreJson.Serialize(checkpoint.FailureDetails)),
                    ("$count", historyBase + checkpoint.NewHistory.Count),
                    ("$id", workItem.InstanceId),
                    ("$me", workItem.LockedBy));
                if (updated == 0)
                {
                    // The lease expired and another worker took the instance: write nothing (split-brain guard).
                    throw new RollbackException((CheckpointResult.LeaseLost, false));
                }

                if (checkpoint.ResetHistory)
                {
                    Execute(c, tx, "DELETE FROM History WHERE InstanceId = $id", ("$id", workItem.InstanceId));
                }

                AppendHistory(c, tx, workItem.InstanceId, checkpoint.ExecutionId, historyBase, checkpoint.NewHistory);
                DeleteMessages(c, tx, workItem.Messages);
                var claimed = InsertTasks(c, tx, checkpoint.NewTasks, now, claim);
                var wake = false;
                foreach (var child in checkpoint.NewInstances)
                {
                    CreateSubOrchestration(c, tx, child, now);
                    wake = true;
                }

                foreach (var message in checkpoint.Messages)
                {
                    wake |= InsertMessageIfInstanceExists(c, tx, message) && message.VisibleAt.Ticks <= now;
                }

                return (new CheckpointResult(true, claimed), wake);
            },
            cancellationToken);
        if (result.Committed)
        {
            if (checkpoint.NewTasks.Count > result.ClaimedTasks.Count)
            {
                activityWork.Set();
            }

            if (wakeOrchestrations)
            {
                orchestrationWork.Set();
            }

            instanceChanged.Pulse(workItem.InstanceId);
        }

        return result;
    }

    /// <inheritdoc/>
    public async Task DiscardMessagesAsync(OrchestrationWorkItem workItem, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        await WriteAsync(
            (c, tx) =>
            {
                if (ReleaseLease(c, tx, workItem) > 0)
                {
                    DeleteMessages(c, tx, workItem.Messages);
                }

                return true;
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public async Task AbandonOrchestrationAsync(OrchestrationWorkItem workItem, TimeSpan delay, string error, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(workItem);
        var visible = Now + delay.Ticks;
        await WriteAsync(
            (c, tx) =>
            {
                if (ReleaseLease(c, tx, workItem) == 0)
                {
                    return false;
                }

                foreach (var message in workItem.Messages)
                {
                    Execute(
                        c,
                        tx,
                        "UPDATE NewEvents SET VisibleTime = $visible, LastError = $error WHERE SequenceNumber = $seq",
                        ("$visible", visible),
                        ("$error", error),
                        ("$seq", message.SequenceNumber));
                }

                return true;
            },
            cancellationToken);
        orchestrationWork.Set();
    }
}
