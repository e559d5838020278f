using System.Threading.Channels;
using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Worker;

/// <summary>Leases activity tasks, runs them, and commits finished results in batches (one transaction per batch).</summary>
internal sealed class ActivityDispatcher(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    DurableTaskWorkerOptions options,
    LeaseTracker leases,
    TimeProvider timeProvider,
    ILogger<ActivityDispatcher> logger)
{
    private readonly SemaphoreSlim slots = new(options.MaxConcurrentActivities, options.MaxConcurrentActivities);
    private readonly Channel<ActivityResult> results = Channel.CreateUnbounded<ActivityResult>(new UnboundedChannelOptions { SingleReader = true });

    private CancellationToken stopping;

    /// <summary>Runs the orchestrations that this worker's results wake, when it has free episode slots.</summary>
    internal OrchestrationDispatcher? Orchestrations { get; set; }

    /// <summary>Takes up to <paramref name="wanted"/> free slots for tasks a checkpoint will lease to this worker.</summary>
    public int TryReserve(int wanted)
    {
        var reserved = 0;
        while (reserved < wanted && slots.Wait(0))
        {
            reserved++;
        }

        return reserved;
    }

    /// <summary>Gives back reserved slots that were not used.</summary>
    public void ReleaseReserved(int count)
    {
        if (count > 0)
        {
            slots.Release(count);
        }
    }

    /// <summary>Runs a task the checkpoint leased to this worker, on a slot reserved for it.</summary>
    public void StartClaimed(ActivityWorkItem item)
    {
        leases.HoldTask(item.SequenceNumber);
        _ = Task.Run(() => ExecuteAsync(item, stopping), CancellationToken.None);
    }

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        stopping = cancellationToken;
        var flusher = FlushResultsAsync();
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                await slots.WaitAsync(cancellationToken);
                var free = 1;
                while (free < 64 && slots.Wait(0))
                {
                    free++;
                }

                IReadOnlyList<ActivityWorkItem> items;
                try
                {
                    items = await store.LockNextActivitiesAsync(options.WorkerId, options.LockTimeout, free, cancellationToken);
                }
                catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
                {
                    slots.Release(free);
                    logger.LogWarning(ex, "Could not lease activity tasks; retrying");
                    await store.WaitForActivityWorkAsync(options.AbandonBackoff, cancellationToken);
                    continue;
                }

                if (items.Count < free)
                {
                    slots.Release(free - items.Count);
                }

                foreach (var item in items)
                {
                    leases.HoldTask(item.SequenceNumber);
                    _ = Task.Run(() => ExecuteAsync(item, cancellationToken), CancellationToken.None);
                }

                if (items.Count == 0)
                {
                    await store.WaitForActivityWorkAsync(options.PollingInterval, cancellationToken);
                }
            }
        }
        finally
        {
            results.Writer.TryComplete();
            await flusher;
        }
    }

    private async Task ExecuteAsync(ActivityWorkItem item, CancellationToken cancellationToken)
    {
        var scheduled = item.TaskScheduled;
        var name = scheduled.Name ?? string.Empty;
        HistoryEvent? outcome;
        if (item.DequeueCount > options.MaxDequeueCount)
        {
            outcome = Failed(item, new TaskFailureDetails(
                "PoisonMessage",
                $"Activity '{name}' (#{scheduled.EventId}) of orchestration {item.InstanceId} was dequeued {item.DequeueCount} times without " +
                $"completing (limit DurableTaskWorkerOptions.MaxDequeueCount = {options.MaxDequeueCount}). " +
                $"Last error: {item.LastError ?? "none recorded; the worker running it stopped (crash or kill)"}."));
        }
        else if (!registry.TryGetActivity(name, out var factory))
        {
            outcome = Failed(item, new TaskFailureDetails("ActivityNotFound", $"No activity named '{name}' is registered with this worker."));
        }
        else
        {
            outcome = await RunActivityAsync(item, factory, cancellationToken);
        }

        if (outcome is null)
        {
            Done(item);
            return;
        }

        results.Writer.TryWrite(new ActivityResult(item, outcome));
    }

    private async Task<HistoryEvent?> RunActivityAsync(ActivityWorkItem item, Func<IServiceProvider, ITaskActivity> factory, CancellationToken cancellationToken)
    {
        var scheduled = item.TaskScheduled;
        ITaskActivity activity;
        await using var scope = services.CreateAsyncScope();
        try
        {
            activity = factory(scope.ServiceProvider);
        }
        catch (Exception ex)
        {
            // The worker cannot build the activity (configuration, DI): retry later; the dequeue limit ends it.
            logger.LogError(ex, "Could not create activity {Activity} for {InstanceId}", scheduled.Name, item.InstanceId);
            await AbandonQuietlyAsync(item, ex);
            return null;
        }

        try
        {
            var input = converter.Deserialize(scheduled.Input, activity.InputType);
            var context = new WorkerActivityContext(scheduled.Name ?? string.Empty, item.InstanceId, cancellationToken);
            var output = await activity.RunAsync(context, input);
            var json = converter.Serialize(output, $"output of activity '{scheduled.Name}' (#{scheduled.EventId})");
            return new HistoryEvent
            {
                EventType = EventType.TaskCompleted,
                TaskScheduledId = scheduled.EventId,
                Result = json,
                Timestamp = timeProvider.GetUtcNow().UtcDateTime,
            };
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            return null; // shutdown: the lease expires and the task runs again elsewhere
        }
        catch (Exception ex)
        {
            return Failed(item, TaskFailureDetails.FromException(ex));
        }
    }

    private HistoryEvent Failed(ActivityWorkItem item, TaskFailureDetails failure) => new()
    {
        EventType = EventType.TaskFailed,
        TaskScheduledId = item.TaskScheduled.EventId,
        FailureDetails = failure,
        Timestamp = timeProvider.GetUtcNow().UtcDateTime,
    };

    private async Task FlushResultsAsync()
    {
        var batch = new List<ActivityResult>();
        while (await results.Reader.WaitToReadAsync(CancellationToken.None))
        {
            batch.Clear();
            while (batch.Count < 500 && results.Reader.TryRead(out var result))
            {
                batch.Add(result);
            }

            var reserved = Orchestrations?.TryReserve(batch.Select(r => r.WorkItem.InstanceId).Distinct().Count()) ?? 0;
            try
            {
                var outcome = await store.CompleteActivitiesAsync(
                    batch,
                    reserved > 0 ? new OrchestrationClaim(options.WorkerId, reserved, options.LockTimeout, options.MaxMessagesPerWorkItem) : null,
                    CancellationToken.None);
                Orchestrations?.ReleaseReserved(reserved - outcome.ClaimedOrchestrations.Count);
                reserved = 0;
                foreach (var item in outcome.ClaimedOrchestrations)
                {
                    Orchestrations!.StartClaimed(item);
                }

                var accepted = outcome.Accepted;
                for (var i = 0; i < accepted.Count; i++)
                {
                    if (!accepted[i])
                    {
                        logger.LogWarning(
                            "Result of activity {Activity} for {InstanceId} discarded: its lease was lost and another worker owns the task",
                            batch[i].WorkItem.TaskScheduled.Name,
                            batch[i].WorkItem.InstanceId);
                    }
                }
            }
            catch (Exception ex)
            {
                // Nothing was committed; the leases expire and the tasks run again (at-least-once).
                Orchestrations?.ReleaseReserved(reserved);
                logger.LogError(ex, "Could not commit {Count} activity results", batch.Count);
            }

            foreach (var result in batch)
            {
                Done(result.WorkItem);
            }
        }
    }

    private void Done(ActivityWorkItem item)
    {
        leases.ReleaseTask(item.SequenceNumber);
        slots.Release();
    }

    private async Task AbandonQuietlyAsync(ActivityWorkItem item, Exception error)
    {
        try
        {
            var delay = TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, options.AbandonBackoff.Ticks * (1L << Math.Min(item.DequeueCount - 1, 20))));
            await store.AbandonActivityAsync(item, delay, $"{error.GetType().FullName}: {error.Message}");
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not abandon activity task {Sequence}; its lease will expire", item.SequenceNumber);
        }
    }

    private sealed class WorkerActivityContext(string name, string instanceId, CancellationToken cancellationToken) : TaskActivityContext
    {
        public override TaskName Name => name;

        public override string InstanceId => instanceId;

        public override CancellationToken CancellationToken => cancellationToken;
    }
}
