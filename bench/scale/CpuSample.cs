namespace ClusterFunctions.Bench.Scale;

/// <summary>
/// Where the machine's CPU went, by part: the hosts (engine, HTTP front, Service Bus listener), their workers (the
/// app's code), Azurite, this process (LocalCloud's emulators, the sender and the subscriber) and everything else on
/// the machine. Two samples subtract to the use over an interval.
/// </summary>
internal sealed record CpuSample(double Hosts, double Workers, double Azurite, double LocalCloud, double MachineBusy, double MachineTotal)
{
    public static CpuSample Take(IReadOnlyList<AppInstance> instances, int azuritePid)
    {
        double hosts = instances.Sum(i => ProcessTree.OwnCpuSeconds(i.ProcessId));
        double trees = instances.Sum(i => i.CpuSeconds());
        var machine = ProcessTree.MachineCpuSeconds();
        return new CpuSample(hosts, trees - hosts, ProcessTree.CpuSeconds(azuritePid), ProcessTree.OwnCpuSeconds(Environment.ProcessId),
            machine.Busy, machine.Total);
    }

    public static CpuSample operator -(CpuSample after, CpuSample before) => new(
        after.Hosts - before.Hosts, after.Workers - before.Workers, after.Azurite - before.Azurite, after.LocalCloud - before.LocalCloud,
        after.MachineBusy - before.MachineBusy, after.MachineTotal - before.MachineTotal);

    /// <summary>CPU seconds the machine spent on anything but the parts above.</summary>
    public double Other => MachineBusy - Hosts - Workers - Azurite - LocalCloud;

    /// <summary>Share of all cores that was busy.</summary>
    public double BusyShare => MachineBusy / MachineTotal;
}
