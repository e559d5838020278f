namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>The network flows of an app, from which default-deny allowances are rendered.</summary>
public sealed record NetworkDefinition(IReadOnlyList<PortDefinition> Ports, IReadOnlyList<EgressRule> Egress);
