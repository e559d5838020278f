namespace ClusterFunctions.Durable.Storage;

/// <summary>A leased instance with the messages to process; only the lease holder may checkpoint it.</summary>
public sealed record OrchestrationWorkItem(string LockedBy, InstanceRecord Instance, IReadOnlyList<InboundMessage> Messages)
{
    /// <summary>The instance ID.</summary>
    public string InstanceId => Instance.InstanceId;
}
