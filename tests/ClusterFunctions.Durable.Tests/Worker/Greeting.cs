namespace ClusterFunctions.Durable.Tests.Worker;

/// <summary>A service for the DI test.</summary>
internal sealed record Greeting(string Word);
