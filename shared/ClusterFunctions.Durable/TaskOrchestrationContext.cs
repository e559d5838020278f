using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable;

/// <summary>The orchestrator's only window on the world: durable tasks, timers, events, time and GUIDs.</summary>
public abstract class TaskOrchestrationContext
{
    /// <summary>The orchestrator name.</summary>
    public abstract TaskName Name { get; }

    /// <summary>The instance ID.</summary>
    public abstract string InstanceId { get; }

    /// <summary>The parent orchestration when this is a sub-orchestration.</summary>
    public abstract ParentOrchestrationInstance? Parent { get; }

    /// <summary>Deterministic current time: the start of the current episode.</summary>
    public abstract DateTime CurrentUtcDateTime { get; }

    /// <summary>True while the code re-executes recorded history.</summary>
    public abstract bool IsReplaying { get; }

    /// <summary>The logger factory behind <see cref="CreateReplaySafeLogger(string)"/>.</summary>
    protected abstract ILoggerFactory LoggerFactory { get; }

    /// <summary>The orchestration input.</summary>
    public abstract T? GetInput<T>();

    /// <summary>Schedules an activity and returns its typed result.</summary>
    public abstract Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null);

    /// <summary>Schedules an activity whose result is not needed.</summary>
    public virtual Task CallActivityAsync(TaskName name, object? input = null, TaskOptions? options = null) =>
        CallActivityAsync<object?>(name, input, options);

    /// <summary>Schedules an activity without input.</summary>
    public virtual Task CallActivityAsync(TaskName name, TaskOptions options) => CallActivityAsync(name, null, options);

    /// <summary>Schedules an activity without input and returns its result.</summary>
    public virtual Task<TResult> CallActivityAsync<TResult>(TaskName name, TaskOptions options) =>
        CallActivityAsync<TResult>(name, null, options);

    /// <summary>Starts a sub-orchestration and returns its typed output.</summary>
    public abstract Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null);

    /// <summary>Starts a sub-orchestration without input and returns its output.</summary>
    public virtual Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync<TResult>(orchestratorName, null, options);

    /// <summary>Starts a sub-orchestration whose output is not needed.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        CallSubOrchestratorAsync<object?>(orchestratorName, input, options);

    /// <summary>Starts a sub-orchestration without input whose output is not needed.</summary>
    public virtual Task CallSubOrchestratorAsync(TaskName orchestratorName, TaskOptions options) =>
        CallSubOrchestratorAsync(orchestratorName, null, options);

    /// <summary>A durable timer that fires at <paramref name="fireAt"/> (UTC).</summary>
    public abstract Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken);

    /// <summary>A durable timer that fires after <paramref name="delay"/> from <see cref="CurrentUtcDateTime"/>.</summary>
    public virtual Task CreateTimer(TimeSpan delay, CancellationToken cancellationToken) =>
        CreateTimer(CurrentUtcDateTime.Add(delay), cancellationToken);

    /// <summary>Waits for an external event raised with <paramref name="eventName"/>.</summary>
    public abstract Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default);

    /// <summary>Waits for an external event; throws <see cref="TaskCanceledException"/> after <paramref name="timeout"/>.</summary>
    public Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout) =>
        WaitForExternalEvent<T>(eventName, timeout, CancellationToken.None);

    /// <summary>Waits for an external event, racing a durable timer; the loser is cancelled.</summary>
    public async Task<T> WaitForExternalEvent<T>(string eventName, TimeSpan timeout, CancellationToken cancellationToken)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var timer = CreateTimer(CurrentUtcDateTime.Add(timeout), cts.Token);
        var received = WaitForExternalEvent<T>(eventName, cts.Token);
        var winner = await Task.WhenAny(received, timer);
        cts.Cancel();
        if (winner == received)
        {
            return await received;
        }

        cancellationToken.ThrowIfCancellationRequested();
        throw new TaskCanceledException($"External event '{eventName}' was not received within {timeout}.");
    }

    /// <summary>Raises an event on another orchestration instance.</summary>
    public abstract void SendEvent(string instanceId, string eventName, object? payload);

    /// <summary>Sets the custom status visible to clients; serialized at the end of the episode.</summary>
    public abstract void SetCustomStatus(object? customStatus);

    /// <summary>Restarts the orchestration with new input and a fresh history once the code returns.</summary>
    public abstract void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true);

    /// <summary>A deterministic, replay-safe GUID (name-based UUID v5).</summary>
    public abstract Guid NewGuid();

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger(string categoryName) =>
        new ReplaySafeLogger(this, LoggerFactory.CreateLogger(categoryName));

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger(Type type) => CreateReplaySafeLogger(type.FullName ?? type.Name);

    /// <summary>A logger that writes only when the code is not replaying.</summary>
    public virtual ILogger CreateReplaySafeLogger<T>() => CreateReplaySafeLogger(typeof(T));
}
