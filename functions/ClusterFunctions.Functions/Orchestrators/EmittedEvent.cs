namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>A CloudEvent a build emitted: its type, the id subscribers see (and deduplicate on), and when.</summary>
public sealed record EmittedEvent(string Type, string Id, DateTimeOffset Time);
