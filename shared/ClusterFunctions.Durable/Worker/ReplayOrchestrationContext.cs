using ClusterFunctions.Durable.History;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Worker;

/// <summary>The engine's <see cref="TaskOrchestrationContext"/>: every call becomes a numbered action the replay checks.</summary>
internal sealed class ReplayOrchestrationContext(OrchestrationExecutor executor, ILoggerFactory loggerFactory) : TaskOrchestrationContext
{
    private int guidCounter;

    public override TaskName Name => executor.Name;

    public override string InstanceId => executor.InstanceId;

    public override ParentOrchestrationInstance? Parent => executor.Parent;

    public override DateTime CurrentUtcDateTime => executor.CurrentUtcDateTime;

    public override bool IsReplaying => executor.IsReplaying;

    protected override ILoggerFactory LoggerFactory => loggerFactory;

    public override T? GetInput<T>()
        where T : default => executor.Converter.Deserialize<T>(executor.Input);

    public override Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        var inputJson = executor.Converter.Serialize(input, $"input of activity '{name}'");
        return WithRetry(() => ScheduleActivity<TResult>(name, inputJson), options);
    }

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null)
    {
        var inputJson = executor.Converter.Serialize(input, $"input of sub-orchestration '{orchestratorName}'");
        var explicitId = (options as SubOrchestrationOptions)?.InstanceId;
        return WithRetry(() => ScheduleSubOrchestration<TResult>(orchestratorName, inputJson, explicitId ?? NewGuid().ToString("N")), options);
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        var id = executor.NextActionId();
        var utc = fireAt.Kind == DateTimeKind.Local ? fireAt.ToUniversalTime() : DateTime.SpecifyKind(fireAt, DateTimeKind.Utc);
        executor.AddAction(new OrchestratorAction(EventType.TimerCreated, id, null, null, utc));
        // Inline continuations keep Task.WhenAll/WhenAny on the replay thread (see ReplaySynchronizationContext).
        var completion = new TaskCompletionSource();
        executor.OnTaskCompleted(id, _ => completion.TrySetResult());
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                executor.ForgetTask(id);
                completion.TrySetCanceled(cancellationToken);
            });
        }

        return completion.Task;
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        return executor.WaitForEvent<T>(eventName, cancellationToken);
    }

    public override void SendEvent(string instanceId, string eventName, object? payload)
    {
        ArgumentException.ThrowIfNullOrEmpty(instanceId);
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var json = executor.Converter.Serialize(payload, $"payload of event '{eventName}'");
        executor.AddAction(new OrchestratorAction(EventType.EventSent, executor.NextActionId(), eventName, json, InstanceId: instanceId));
    }

    public override void SetCustomStatus(object? customStatus) =>
        executor.CustomStatus = executor.Converter.Serialize(customStatus, $"custom status of orchestration '{Name}' ({InstanceId})");

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) =>
        executor.ContinueAsNewRequest = (
            executor.Converter.Serialize(newInput, $"input of orchestration '{Name}' ({InstanceId}) for continue-as-new"),
            preserveUnprocessedEvents);

    public override Guid NewGuid() =>
        DeterministicGuid.Create($"{InstanceId}_{CurrentUtcDateTime.ToString("o", System.Globalization.CultureInfo.InvariantCulture)}_{guidCounter++}");

    private Task<T> ScheduleActivity<T>(TaskName name, string? inputJson)
    {
        var id = executor.NextActionId();
        executor.AddAction(new OrchestratorAction(EventType.TaskScheduled, id, name.Name, inputJson));
        return AwaitResult<T>(id, name.Name);
    }

    private Task<T> ScheduleSubOrchestration<T>(TaskName name, string? inputJson, string childInstanceId)
    {
        var id = executor.NextActionId();
        executor.AddAction(new OrchestratorAction(EventType.SubOrchestrationInstanceCreated, id, name.Name, inputJson, InstanceId: childInstanceId));
        executor.TrackChild(id, childInstanceId);
        return AwaitResult<T>(id, name.Name);
    }

    private Task<T> AwaitResult<T>(int id, string name)
    {
        var completion = new TaskCompletionSource<T>();
        executor.OnTaskCompleted(id, e =>
        {
            if (e.EventType is EventType.TaskCompleted or EventType.SubOrchestrationInstanceCompleted)
            {
                try
                {
                    completion.TrySetResult(executor.Converter.Deserialize<T>(e.Result)!);
                }
                catch (Exception ex) when (ex is System.Text.Json.JsonException or NotSupportedException)
                {
                    completion.TrySetException(new TaskFailedException(name, id, TaskFailureDetails.FromException(ex)));
                }
            }
            else
            {
                completion.TrySetException(new TaskFailedException(
                    name, id, e.FailureDetails ?? new TaskFailureDetails("Unknown", "The task failed without failure details.")));
            }
        });
        return completion.Task;
    }

    private Task<T> WithRetry<T>(Func<Task<T>> call, TaskOptions? options) =>
        options?.Retry?.Policy is { } policy ? RetryAsync(call, policy) : call();

    private async Task<T> RetryAsync<T>(Func<Task<T>> call, RetryPolicy policy)
    {
        var firstAttempt = CurrentUtcDateTime;
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await call();
            }
            catch (TaskFailedException ex) when (attempt < policy.MaxNumberOfAttempts && policy.HandleFailure(ex.FailureDetails))
            {
                var delay = policy.GetDelay(attempt);
                if (policy.RetryTimeout != Timeout.InfiniteTimeSpan && CurrentUtcDateTime + delay - firstAttempt > policy.RetryTimeout)
                {
                    throw;
                }

                await CreateTimer(delay, CancellationToken.None);
            }
        }
    }
}
