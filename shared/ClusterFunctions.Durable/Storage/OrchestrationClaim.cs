namespace ClusterFunctions.Durable.Storage;

/// <summary>
/// Lease up to <paramref name="MaxInstances"/> of the instances that receive activity results to <paramref name="WorkerId"/>
/// in the same transaction, so the results are processed at once by the worker that produced them.
/// </summary>
public sealed record OrchestrationClaim(string WorkerId, int MaxInstances, TimeSpan LockTimeout, int MaxMessages);
