namespace ClusterFunctions.Core.Requests;

/// <summary>The parts of a profile a single request may change.</summary>
/// <param name="Region">Azure region instead of the profile's.</param>
/// <param name="NodePools">New autoscaler bounds by pool name.</param>
public sealed record RequestOverrides(string? Region = null, IReadOnlyDictionary<string, NodePoolBounds>? NodePools = null);
