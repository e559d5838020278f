using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Worker;

/// <summary>Leases instances with new messages and runs their episodes, up to the concurrency limit.</summary>
internal sealed class OrchestrationDispatcher(
    IOrchestrationStore store,
    DurableTaskRegistry registry,
    IServiceProvider services,
    DataConverter converter,
    DurableTaskWorkerOptions options,
    LeaseTracker leases,
    ActivityDispatcher activities,
    TimeProvider timeProvider,
    ILoggerFactory loggerFactory)
{
    private readonly ILogger logger = loggerFactory.CreateLogger<OrchestrationDispatcher>();
    private readonly ExecutorCache cache = new(options.ExecutorCacheSize);
    private readonly SemaphoreSlim slots = new(options.MaxConcurrentOrchestrations, options.MaxConcurrentOrchestrations);

    private CancellationToken stopping;

    public int CachedExecutors => cache.Count;

    /// <summary>Takes up to <paramref name="wanted"/> free episode slots for instances leased by an activity completion.</summary>
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

    /// <summary>Runs an instance leased to this worker, on a slot reserved for it.</summary>
    public void StartClaimed(OrchestrationWorkItem item) => Start(item, stopping);

    public async Task RunAsync(CancellationToken cancellationToken)
    {
        stopping = cancellationToken;
        while (!cancellationToken.IsCancellationRequested)
        {
            await slots.WaitAsync(cancellationToken);
            OrchestrationWorkItem? item;
            try
            {
                item = await store.LockNextOrchestrationAsync(options.WorkerId, options.LockTimeout, options.MaxMessagesPerWorkItem, cancellationToken);
            }
            catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
            {
                slots.Release();
                logger.LogWarning(ex, "Could not lease an orchestration work item; retrying");
                await store.WaitForOrchestrationWorkAsync(options.AbandonBackoff, cancellationToken);
                continue;
            }

            if (item is null)
            {
                slots.Release();
                await store.WaitForOrchestrationWorkAsync(options.PollingInterval, cancellationToken);
                continue;
            }

            Start(item, cancellationToken);
        }
    }

    private void Start(OrchestrationWorkItem item, CancellationToken cancellationToken)
    {
        leases.HoldInstance(item.InstanceId);
        _ = Task.Run(
            async () =>
            {
                try
                {
                    await ProcessAsync(item, cancellationToken);
                }
                finally
                {
                    leases.ReleaseInstance(item.InstanceId);
                    slots.Release();
                }
            },
            CancellationToken.None);
    }

    private async Task ProcessAsync(OrchestrationWorkItem item, CancellationToken cancellationToken)
    {
        OrchestrationExecutor? executor = null;
        try
        {
            var instance = item.Instance;
            var current = item.Messages.Where(m => m.ExecutionId is null || m.ExecutionId == instance.ExecutionId).ToList();
            var startsExecution = current.Any(m => m.Event.EventType == EventType.ExecutionStarted);
            if ((instance.RuntimeStatus.IsTerminal() && !startsExecution) || current.Count == 0)
            {
                // Late timers, duplicate results and messages for finished or replaced executions.
                await store.DiscardMessagesAsync(item, cancellationToken);
                return;
            }

            if (instance.HistoryCount == 0 && !startsExecution)
            {
                // Events raised before a scheduled start: keep them until ExecutionStarted becomes visible.
                await store.AbandonOrchestrationAsync(item, options.AbandonBackoff, "waiting for the scheduled start", cancellationToken);
                return;
            }

            if (item.Messages.FirstOrDefault(m => m.DequeueCount > options.MaxDequeueCount) is { } poison)
            {
                cache.Take(item.InstanceId);
                await FailPoisonedAsync(item, poison, cancellationToken);
                return;
            }

            executor = cache.Take(item.InstanceId);
            if (executor is not null && (executor.ExecutionId != instance.ExecutionId || executor.HistoryCount != instance.HistoryCount))
            {
                executor = null; // another worker advanced this instance since we cached it
            }

            executor ??= await CreateExecutorAsync(instance, cancellationToken);
            var newEvents = current.Select(m => m.Event)
                .Where(e => !(e.EventType == EventType.ExecutionStarted && executor.HistoryCount > 0))
                .ToList();
            var checkpoint = executor.ExecuteEpisode(newEvents, timeProvider.GetUtcNow().UtcDateTime);

            // New activities go straight to this worker's free activity slots in the checkpoint transaction.
            var reserved = activities.TryReserve(checkpoint.NewTasks.Count);
            CheckpointResult result;
            try
            {
                result = await store.CompleteOrchestrationAsync(
                    item, checkpoint, reserved > 0 ? new TaskClaim(options.WorkerId, reserved, options.LockTimeout) : null, cancellationToken);
            }
            catch
            {
                activities.ReleaseReserved(reserved);
                throw;
            }

            activities.ReleaseReserved(reserved - result.ClaimedTasks.Count);
            foreach (var task in result.ClaimedTasks)
            {
                activities.StartClaimed(task);
            }

            if (!result.Committed)
            {
                logger.LogWarning("Lease on orchestration {InstanceId} was lost before its checkpoint; the episode is discarded", item.InstanceId);
                return;
            }

            if (executor.Outcome is null)
            {
                cache.Put(executor);
            }
        }
        catch (Exception ex) when (!cancellationToken.IsCancellationRequested)
        {
            logger.LogError(ex, "Orchestration work item for {InstanceId} failed; abandoning it", item.InstanceId);
            var attempts = item.Messages.Count == 0 ? 1 : item.Messages.Max(m => m.DequeueCount);
            await AbandonQuietlyAsync(item, Backoff(attempts), $"{ex.GetType().FullName}: {ex.Message}");
        }
        catch (OperationCanceledException)
        {
            // Shutting down: the lease expires and another worker (or this one after restart) resumes.
        }
    }

    private async Task<OrchestrationExecutor> CreateExecutorAsync(InstanceRecord instance, CancellationToken cancellationToken)
    {
        ITaskOrchestrator? orchestrator = null;
        string? missing = null;
        if (registry.TryGetOrchestrator(instance.Name, out var factory))
        {
            orchestrator = factory(services);
        }
        else
        {
            missing = $"No orchestrator named '{instance.Name}' is registered with this worker.";
        }

        var executor = new OrchestrationExecutor(instance.InstanceId, orchestrator, missing, converter, loggerFactory);
        if (instance.HistoryCount > 0)
        {
            executor.Replay(await store.GetHistoryAsync(instance.InstanceId, cancellationToken));
        }

        return executor;
    }

    private async Task FailPoisonedAsync(OrchestrationWorkItem item, InboundMessage poison, CancellationToken cancellationToken)
    {
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var failure = new TaskFailureDetails(
            "PoisonMessage",
            $"Orchestration '{item.Instance.Name}' ({item.InstanceId}) was failed because its {poison.Event.EventType} message was dequeued " +
            $"{poison.DequeueCount} times without completing (limit DurableTaskWorkerOptions.MaxDequeueCount = {options.MaxDequeueCount}). " +
            $"Last error: {poison.LastError ?? "none recorded; the worker processing it stopped (crash or kill)"}.");
        logger.LogError("Poison message for orchestration {InstanceId}: {Reason}", item.InstanceId, failure.ErrorMessage);
        var messages = new List<TaskMessage>();
        if (item.Instance.Parent is { } parent)
        {
            messages.Add(new TaskMessage(
                parent.InstanceId,
                parent.ExecutionId,
                new HistoryEvent { EventType = EventType.SubOrchestrationInstanceFailed, TaskScheduledId = parent.TaskScheduledId, FailureDetails = failure, Timestamp = now },
                now));
        }

        await store.CompleteOrchestrationAsync(
            item,
            new OrchestrationCheckpoint
            {
                ExecutionId = item.Instance.ExecutionId,
                NewHistory =
                [
                    new HistoryEvent { EventType = EventType.OrchestratorStarted, Timestamp = now },
                    new HistoryEvent { EventType = EventType.ExecutionCompleted, Timestamp = now, OrchestrationStatus = OrchestrationRuntimeStatus.Failed, FailureDetails = failure },
                    new HistoryEvent { EventType = EventType.OrchestratorCompleted, Timestamp = now },
                ],
                RuntimeStatus = OrchestrationRuntimeStatus.Failed,
                FailureDetails = failure,
                Messages = messages,
            },
            cancellationToken: cancellationToken);
    }

    private TimeSpan Backoff(int attempts) =>
        TimeSpan.FromTicks(Math.Min(TimeSpan.FromSeconds(30).Ticks, options.AbandonBackoff.Ticks * (1L << Math.Min(attempts - 1, 20))));

    private async Task AbandonQuietlyAsync(OrchestrationWorkItem item, TimeSpan delay, string error)
    {
        try
        {
            await store.AbandonOrchestrationAsync(item, delay, error);
        }
        catch (Exception ex)
        {
            logger.LogWarning(ex, "Could not abandon orchestration {InstanceId}; its lease will expire", item.InstanceId);
        }
    }
}
