using ClusterFunctions.Durable.History;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Worker;

/// <summary>
/// Runs one orchestration execution: replays its history, then applies new events episode by episode. Kept in a
/// cache between episodes (extended session), so a running orchestration never replays on each step.
/// </summary>
internal sealed partial class OrchestrationExecutor
{
    private readonly List<HistoryEvent> history = [];
    private readonly SortedDictionary<int, OrchestratorAction> pendingActions = [];
    private readonly Dictionary<int, Action<HistoryEvent>> openTasks = [];
    private readonly Dictionary<string, LinkedList<IEventWaiter>> waiters = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, Queue<string?>> bufferedEvents = new(StringComparer.OrdinalIgnoreCase);
    private readonly List<HistoryEvent> suspendedEvents = [];
    private readonly ReplaySynchronizationContext synchronizationContext = new();
    private readonly Dictionary<int, string> runningChildren = [];
    private readonly ITaskOrchestrator? orchestrator;
    private readonly string? missingOrchestratorReason;
    private Task<object?>? userTask;
    private int nextActionId;
    private bool suspended;

    public OrchestrationExecutor(
        string instanceId, ITaskOrchestrator? orchestrator, string? missingOrchestratorReason, DataConverter converter, ILoggerFactory loggerFactory)
    {
        InstanceId = instanceId;
        this.orchestrator = orchestrator;
        this.missingOrchestratorReason = missingOrchestratorReason;
        Converter = converter;
        Context = new ReplayOrchestrationContext(this, loggerFactory);
    }

    public string InstanceId { get; }

    public DataConverter Converter { get; }

    public ReplayOrchestrationContext Context { get; }

    public string ExecutionId { get; private set; } = string.Empty;

    public string Name { get; private set; } = string.Empty;

    public string? Input { get; private set; }

    public ParentOrchestrationInstance? Parent { get; private set; }

    public IReadOnlyDictionary<string, string>? Tags { get; private set; }

    public int HistoryCount => history.Count;

    public bool IsReplaying { get; private set; }

    public DateTime CurrentUtcDateTime { get; private set; }

    public string? CustomStatus { get; set; }

    public (string? InputJson, bool PreserveEvents)? ContinueAsNewRequest { get; set; }

    /// <summary>Set once the execution has finished (completed, failed, terminated or continued as new).</summary>
    public ExecutionOutcome? Outcome { get; private set; }

    /// <summary>Re-executes recorded history; a mismatch fails the execution as non-deterministic.</summary>
    public void Replay(IReadOnlyList<HistoryEvent> pastEvents)
    {
        IsReplaying = true;
        try
        {
            foreach (var e in pastEvents)
            {
                history.Add(e);
                if (Outcome is null)
                {
                    Apply(e);
                }
            }
        }
        finally
        {
            IsReplaying = false;
        }
    }

    /// <summary>Sub-orchestrations a recursive terminate must reach, set when one is processed.</summary>
    public IReadOnlyList<string> ChildrenToTerminate { get; private set; } = [];

    /// <summary>The reason or output of a recursive terminate, passed on to the children.</summary>
    public string? TerminationOutput { get; private set; }

    public int NextActionId() => nextActionId++;

    public void TrackChild(int taskId, string childInstanceId) => runningChildren[taskId] = childInstanceId;

    public void AddAction(OrchestratorAction action) => pendingActions.Add(action.Id, action);

    public void OnTaskCompleted(int id, Action<HistoryEvent> handler) => openTasks[id] = handler;

    public void ForgetTask(int id) => openTasks.Remove(id);

    public Task<T> WaitForEvent<T>(string eventName, CancellationToken cancellationToken)
    {
        if (bufferedEvents.TryGetValue(eventName, out var buffer) && buffer.TryDequeue(out var payload))
        {
            var immediate = new EventWaiter<T>(Converter);
            immediate.Deliver(payload);
            return immediate.Task;
        }

        var waiter = new EventWaiter<T>(Converter);
        if (!waiters.TryGetValue(eventName, out var list))
        {
            waiters[eventName] = list = new LinkedList<IEventWaiter>();
        }

        var node = list.AddLast(waiter);
        if (cancellationToken.CanBeCanceled)
        {
            cancellationToken.Register(() =>
            {
                if (node.List is not null)
                {
                    list.Remove(node);
                }

                waiter.Cancel(cancellationToken);
            });
        }

        return waiter.Task;
    }

    private void Apply(HistoryEvent e)
    {
        if (suspended && e.EventType is not (EventType.ExecutionResumed or EventType.ExecutionTerminated or EventType.ExecutionSuspended
            or EventType.OrchestratorStarted or EventType.OrchestratorCompleted))
        {
            // A suspended orchestration keeps its inputs but runs no code until it is resumed.
            suspendedEvents.Add(e);
            return;
        }

        try
        {
            synchronizationContext.Run(() => Dispatch(e));
        }
        catch (NonDeterministicOrchestrationException ex)
        {
            Finish(new ExecutionOutcome(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex), DiscardActions: true));
            return;
        }

        CheckUserCodeCompleted();
    }

    private void Dispatch(HistoryEvent e)
    {
        switch (e.EventType)
        {
            case EventType.OrchestratorStarted:
                CurrentUtcDateTime = e.Timestamp;
                break;
            case EventType.ExecutionStarted:
                Start(e);
                break;
            case EventType.TaskScheduled or EventType.TimerCreated or EventType.SubOrchestrationInstanceCreated or EventType.EventSent:
                MatchScheduledAction(e);
                break;
            case EventType.TaskCompleted or EventType.TaskFailed or EventType.SubOrchestrationInstanceCompleted
                or EventType.SubOrchestrationInstanceFailed or EventType.TimerFired:
                // An unknown id is a duplicate delivery or a cancelled timer: ignoring it is what makes
                // at-least-once messaging safe.
                if (e.EventType is EventType.SubOrchestrationInstanceCompleted or EventType.SubOrchestrationInstanceFailed)
                {
                    runningChildren.Remove(e.TaskScheduledId);
                }

                if (openTasks.Remove(e.TaskScheduledId, out var handler))
                {
                    handler(e);
                }

                break;
            case EventType.EventRaised:
                DeliverEvent(e.Name ?? string.Empty, e.Input);
                break;
            case EventType.ExecutionSuspended:
                suspended = true;
                break;
            case EventType.ExecutionResumed:
                suspended = false;
                var released = suspendedEvents.ToList();
                suspendedEvents.Clear();
                foreach (var held in released)
                {
                    Dispatch(held);
                }

                break;
            case EventType.ExecutionTerminated:
                if (e.Recursive == true && Outcome is null)
                {
                    ChildrenToTerminate = [.. runningChildren.Values];
                    TerminationOutput = e.Input;
                }

                Finish(new ExecutionOutcome(OrchestrationRuntimeStatus.Terminated, e.Input, null, DiscardActions: true));
                break;
        }
    }

    private void Start(HistoryEvent e)
    {
        ExecutionId = e.ExecutionId ?? ExecutionId;
        Name = e.Name ?? string.Empty;
        Input = e.Input;
        Parent = e.ParentInstance;
        Tags = e.Tags;
        if (orchestrator is null)
        {
            Finish(new ExecutionOutcome(
                OrchestrationRuntimeStatus.Failed,
                null,
                new TaskFailureDetails("OrchestratorNotFound", missingOrchestratorReason ?? $"No orchestrator named '{Name}' is registered."),
                DiscardActions: true));
            return;
        }

        try
        {
            var input = Converter.Deserialize(e.Input, orchestrator.InputType);
            userTask = orchestrator.RunAsync(Context, input);
        }
        catch (Exception ex) when (ex is not NonDeterministicOrchestrationException)
        {
            userTask = Task.FromException<object?>(ex);
        }
    }

    private void MatchScheduledAction(HistoryEvent e)
    {
        if (!pendingActions.Remove(e.EventId, out var action))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic workflow detected: a previous execution of orchestration '{Name}' scheduled " +
                $"{OrchestratorAction.Describe(e)} with sequence ID {e.EventId}, but the current replay execution hasn't (yet?) " +
                "scheduled this task. Was a change made to the orchestrator code after this instance had already started running?");
        }

        if (action.Kind != e.EventType || !string.Equals(action.Name, e.Name, StringComparison.OrdinalIgnoreCase))
        {
            throw new NonDeterministicOrchestrationException(
                $"Non-deterministic workflow detected: a previous execution of orchestration '{Name}' scheduled " +
                $"{OrchestratorAction.Describe(e)} with sequence ID {e.EventId}, but the current replay execution scheduled " +
                $"{action.Describe()} with that sequence ID. Was a change made to the orchestrator code after this instance had already started running?");
        }
    }

    private void DeliverEvent(string name, string? payload)
    {
        if (waiters.TryGetValue(name, out var list) && list.First is { } first)
        {
            list.RemoveFirst();
            first.Value.Deliver(payload);
            return;
        }

        if (!bufferedEvents.TryGetValue(name, out var buffer))
        {
            bufferedEvents[name] = buffer = new Queue<string?>();
        }

        buffer.Enqueue(payload);
    }

    private void CheckUserCodeCompleted()
    {
        if (Outcome is not null || userTask is not { IsCompleted: true } task)
        {
            return;
        }

        if (task.IsFaulted || task.IsCanceled)
        {
            var error = task.Exception?.InnerException ?? new TaskCanceledException("The orchestrator's task was cancelled.");
            Finish(new ExecutionOutcome(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(error), DiscardActions: false));
            return;
        }

        if (ContinueAsNewRequest is not null)
        {
            Finish(new ExecutionOutcome(OrchestrationRuntimeStatus.ContinuedAsNew, null, null, DiscardActions: false));
            return;
        }

        try
        {
            var output = Converter.Serialize(task.Result, $"output of orchestration '{Name}' ({InstanceId})");
            Finish(new ExecutionOutcome(OrchestrationRuntimeStatus.Completed, output, null, DiscardActions: false));
        }
        catch (Exception ex)
        {
            Finish(new ExecutionOutcome(OrchestrationRuntimeStatus.Failed, null, TaskFailureDetails.FromException(ex), DiscardActions: false));
        }
    }

    private void Finish(ExecutionOutcome outcome) => Outcome ??= outcome;

    /// <summary>How an execution ended.</summary>
    public sealed record ExecutionOutcome(OrchestrationRuntimeStatus Status, string? Output, TaskFailureDetails? Failure, bool DiscardActions);
}
