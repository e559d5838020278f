using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;

namespace ClusterFunctions.Durable.Worker;

/// <summary>One episode: apply new events, then turn the code's new actions into history, status and outbox.</summary>
internal sealed partial class OrchestrationExecutor
{
    /// <summary>Applies <paramref name="newEvents"/> at time <paramref name="now"/> and returns the checkpoint to commit.</summary>
    public OrchestrationCheckpoint ExecuteEpisode(IReadOnlyList<HistoryEvent> newEvents, DateTime now)
    {
        var appended = new List<HistoryEvent>();
        void Record(HistoryEvent e)
        {
            history.Add(e);
            appended.Add(e);
            if (Outcome is null)
            {
                Apply(e);
            }
        }

        Record(new HistoryEvent { EventType = EventType.OrchestratorStarted, Timestamp = now });
        foreach (var e in newEvents)
        {
            Record(e);
        }

        var tasks = new List<NewActivityTask>();
        var messages = new List<TaskMessage>();
        var children = new List<NewOrchestrationInstance>();
        var outcome = Outcome;
        if (outcome is null || !outcome.DiscardActions)
        {
            foreach (var action in pendingActions.Values)
            {
                var scheduled = ToHistoryEvent(action, now);
                history.Add(scheduled);
                appended.Add(scheduled);
                AddOutbound(action, now, tasks, messages, children);
            }
        }

        pendingActions.Clear();
        if (outcome is { Status: OrchestrationRuntimeStatus.ContinuedAsNew })
        {
            return ContinueAsNewCheckpoint(now, messages, tasks, children);
        }

        if (outcome is not null)
        {
            var completed = new HistoryEvent
            {
                EventType = EventType.ExecutionCompleted,
                Timestamp = now,
                OrchestrationStatus = outcome.Status,
                Result = outcome.Output,
                FailureDetails = outcome.Failure,
            };
            history.Add(completed);
            appended.Add(completed);
            if (Parent is not null)
            {
                messages.Add(ResultForParent(Parent, outcome, now));
            }

            foreach (var child in ChildrenToTerminate)
            {
                messages.Add(new TaskMessage(
                    child,
                    null,
                    new HistoryEvent { EventType = EventType.ExecutionTerminated, Input = TerminationOutput, Recursive = true, Timestamp = now },
                    now));
            }
        }

        var end = new HistoryEvent { EventType = EventType.OrchestratorCompleted, Timestamp = now };
        history.Add(end);
        appended.Add(end);
        return new OrchestrationCheckpoint
        {
            ExecutionId = ExecutionId,
            NewHistory = appended,
            RuntimeStatus = outcome?.Status ?? (suspended ? OrchestrationRuntimeStatus.Suspended : OrchestrationRuntimeStatus.Running),
            Output = outcome?.Output,
            CustomStatus = CustomStatus,
            FailureDetails = outcome?.Failure,
            NewTasks = tasks,
            Messages = messages,
            NewInstances = children,
        };
    }

    private static HistoryEvent ToHistoryEvent(OrchestratorAction action, DateTime now) => new()
    {
        EventType = action.Kind,
        EventId = action.Id,
        Timestamp = now,
        Name = action.Name,
        Input = action.Kind == EventType.EventSent ? null : action.Input,
        FireAt = action.FireAt,
        InstanceId = action.InstanceId,
    };

    private void AddOutbound(
        OrchestratorAction action, DateTime now, List<NewActivityTask> tasks, List<TaskMessage> messages, List<NewOrchestrationInstance> children)
    {
        switch (action.Kind)
        {
            case EventType.TaskScheduled:
                tasks.Add(new NewActivityTask(
                    InstanceId, ExecutionId, new HistoryEvent { EventType = EventType.TaskScheduled, EventId = action.Id, Name = action.Name, Input = action.Input, Timestamp = now }));
                break;
            case EventType.TimerCreated:
                var fireAt = action.FireAt!.Value;
                messages.Add(new TaskMessage(
                    InstanceId,
                    ExecutionId,
                    new HistoryEvent { EventType = EventType.TimerFired, TaskScheduledId = action.Id, FireAt = fireAt, Timestamp = fireAt },
                    fireAt));
                break;
            case EventType.SubOrchestrationInstanceCreated:
                var childExecution = Guid.NewGuid().ToString("N");
                children.Add(new NewOrchestrationInstance(
                    action.InstanceId!,
                    new HistoryEvent
                    {
                        EventType = EventType.ExecutionStarted,
                        Timestamp = now,
                        Name = action.Name,
                        Input = action.Input,
                        ExecutionId = childExecution,
                        ParentInstance = new ParentOrchestrationInstance(Name, InstanceId) { ExecutionId = ExecutionId, TaskScheduledId = action.Id },
                    },
                    now));
                break;
            case EventType.EventSent:
                messages.Add(new TaskMessage(
                    action.InstanceId!, null, new HistoryEvent { EventType = EventType.EventRaised, Name = action.Name, Input = action.Input, Timestamp = now }, now));
                break;
        }
    }

    private static TaskMessage ResultForParent(ParentOrchestrationInstance parent, ExecutionOutcome outcome, DateTime now)
    {
        var result = outcome.Status == OrchestrationRuntimeStatus.Completed
            ? new HistoryEvent { EventType = EventType.SubOrchestrationInstanceCompleted, TaskScheduledId = parent.TaskScheduledId, Result = outcome.Output, Timestamp = now }
            : new HistoryEvent
            {
                EventType = EventType.SubOrchestrationInstanceFailed,
                TaskScheduledId = parent.TaskScheduledId,
                Timestamp = now,
                FailureDetails = outcome.Failure
                    ?? new TaskFailureDetails("OrchestrationTerminated", $"The sub-orchestration was terminated: {outcome.Output}"),
            };
        return new TaskMessage(parent.InstanceId, parent.ExecutionId, result, now);
    }

    private OrchestrationCheckpoint ContinueAsNewCheckpoint(
        DateTime now, List<TaskMessage> messages, List<NewActivityTask> tasks, List<NewOrchestrationInstance> children)
    {
        var request = ContinueAsNewRequest!.Value;
        var newExecution = Guid.NewGuid().ToString("N");
        var newInput = request.InputJson;
        messages.Add(new TaskMessage(
            InstanceId,
            newExecution,
            new HistoryEvent
            {
                EventType = EventType.ExecutionStarted,
                Timestamp = now,
                Name = Name,
                Input = newInput,
                ExecutionId = newExecution,
                ParentInstance = Parent,
                Tags = Tags,
            },
            now));
        if (request.PreserveEvents)
        {
            // Events that arrived but were never awaited go to the next execution, in arrival order.
            foreach (var (name, buffer) in bufferedEvents)
            {
                foreach (var payload in buffer)
                {
                    messages.Add(new TaskMessage(
                        InstanceId, null, new HistoryEvent { EventType = EventType.EventRaised, Name = name, Input = payload, Timestamp = now }, now));
                }
            }
        }

        return new OrchestrationCheckpoint
        {
            ExecutionId = newExecution,
            ResetHistory = true,
            NewHistory = [],
            RuntimeStatus = OrchestrationRuntimeStatus.Running,
            Input = newInput ?? "null",
            CustomStatus = CustomStatus,
            NewTasks = tasks,
            Messages = messages,
            NewInstances = children,
        };
    }
}
