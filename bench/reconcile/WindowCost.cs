using ClusterFunctions.Bench.Scale;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.LocalCloud.Persistence;

namespace ClusterFunctions.Bench.Reconcile;

/// <summary>What one measured window cost: CPU by part, storage transactions, Kubernetes and ARM requests; and the
/// reconcile checks made in it.</summary>
internal sealed record WindowCost(double Seconds, CpuSample Cpu, StorageTransactions Storage, RequestCounts Kubernetes, RequestCounts Arm, int Checks)
{
    /// <summary>CPU ms of the app (hosts and workers), which an operator pays for.</summary>
    public double AppCpuMs => 1000 * (Cpu.Hosts + Cpu.Workers);

    /// <summary>CPU ms of every part: the app, Azurite, and this process (LocalCloud's emulators, the storage proxy).</summary>
    public double AllCpuMs => 1000 * (Cpu.Hosts + Cpu.Workers + Cpu.Azurite + Cpu.LocalCloud);

    /// <summary>Counts everything over <paramref name="length"/> while reading the loops' checks every <paramref name="poll"/>.</summary>
    public static async Task<WindowCost> MeasureAsync(TimeSpan length, TimeSpan poll, AppInstance app, int azuritePid, StorageProxy storage,
        LocalCloudHost cloud, ReconcileChecks checks)
    {
        var started = DateTimeOffset.UtcNow;
        var before = Read();
        while (DateTimeOffset.UtcNow - started < length)
        {
            await checks.ObserveAsync();
            TimeSpan left = length - (DateTimeOffset.UtcNow - started);
            await Task.Delay(TimeSpan.FromTicks(Math.Clamp(left.Ticks, 0, poll.Ticks)));
        }

        var after = Read();
        var ended = DateTimeOffset.UtcNow;
        // Once more after the counters stop: a check finished just before the end is seen too.
        await checks.ObserveAsync();
        return new WindowCost((ended - started).TotalSeconds, after.Cpu - before.Cpu, after.Storage - before.Storage,
            after.Kubernetes - before.Kubernetes, after.Arm - before.Arm, checks.Between(started, ended));

        (CpuSample Cpu, StorageTransactions Storage, RequestCounts Kubernetes, RequestCounts Arm) Read() =>
            (CpuSample.Take([app], azuritePid), storage.Read(), cloud.Clusters.RequestCounter.Read(), cloud.Arm.RequestCounter.Read());
    }
}
