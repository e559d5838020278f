namespace ClusterFunctions.Functions.Ledger;

/// <summary>What the quota ledger asks of the Durable engine when it looks full: whether a build still runs.</summary>
public interface IRunningBuilds
{
    /// <summary>True while the build is pending, running or suspended, false once it ended, null when the engine does
    /// not know it (yet: a reservation is written before its build is scheduled).</summary>
    Task<bool?> IsRunningAsync(string instanceId, CancellationToken cancellationToken = default);
}
