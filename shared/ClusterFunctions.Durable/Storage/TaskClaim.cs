namespace ClusterFunctions.Durable.Storage;

/// <summary>
/// Lease up to <paramref name="MaxTasks"/> of a checkpoint's new activity tasks to <paramref name="WorkerId"/> in the same
/// transaction, so a worker with free capacity runs them at once instead of polling them back.
/// </summary>
public sealed record TaskClaim(string WorkerId, int MaxTasks, TimeSpan LockTimeout);
