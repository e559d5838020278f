namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>A port an app serves, which flows to that app are allowed to reach.</summary>
public sealed record PortDefinition(string Name, int Port);
