namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>One outbound flow an app needs: to another app ("*" for every app), or to the internet on some ports.</summary>
public sealed record EgressRule(string? App, IReadOnlyList<int> InternetPorts);
