using ClusterFunctions.Durable.History;

namespace ClusterFunctions.Durable.Worker;

/// <summary>Something the orchestrator code asked for in this episode, not yet durable.</summary>
/// <param name="Kind">The scheduling event this action becomes.</param>
/// <param name="InstanceId">Child instance (sub-orchestration) or target instance (event).</param>
internal sealed record OrchestratorAction(EventType Kind, int Id, string? Name, string? Input, DateTime? FireAt = null, string? InstanceId = null)
{
    public string Describe() => Kind switch
    {
        EventType.TaskScheduled => $"an activity task '{Name}'",
        EventType.TimerCreated => "a durable timer",
        EventType.SubOrchestrationInstanceCreated => $"a sub-orchestration '{Name}'",
        EventType.EventSent => $"an event '{Name}' to instance '{InstanceId}'",
        _ => Kind.ToString(),
    };

    public static string Describe(HistoryEvent e) => new OrchestratorAction(e.EventType, e.EventId, e.Name, null, e.FireAt, e.InstanceId).Describe();
}
