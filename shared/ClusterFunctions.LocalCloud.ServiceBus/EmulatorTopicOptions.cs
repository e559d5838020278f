namespace ClusterFunctions.LocalCloud.ServiceBus;

/// <summary>A topic; every subscription receives a copy of every message its rules pass (all, until rules are added).</summary>
public sealed class EmulatorTopicOptions
{
    /// <summary>Topic name.</summary>
    public string Name { get; set; } = "";

    /// <summary>Subscription names, reachable as <c>topic/Subscriptions/name</c>.</summary>
    public IList<string> Subscriptions { get; } = [];

    /// <summary>Lock duration, delivery limit and duplicate window of the topic and its subscriptions.</summary>
    public EmulatorQueueOptions Settings { get; set; } = new();
}
