namespace ClusterFunctions.Core.Requests;

/// <summary>Autoscaler bounds a request sets for one pool; null keeps the profile's value.</summary>
public sealed record NodePoolBounds(int? MinCount = null, int? MaxCount = null);
