namespace ClusterFunctions.Bench.Chaos;

/// <summary>
/// The faults of one run, in a random order fixed by the seed: SIGKILLs of instance hosts and workers, restarts of
/// Azurite and of LocalCloud (Service Bus, ARM, Kubernetes APIs), with random pauses between them.
/// </summary>
internal sealed record FaultPlan(IReadOnlyList<FaultPlan.Fault> Faults)
{
    public enum Kind { KillHost, KillWorker, RestartAzurite, RestartLocalCloud }

    /// <summary>A fault <paramref name="After"/> the previous one, on instance <paramref name="Instance"/> where it has one.</summary>
    public sealed record Fault(Kind Kind, int Instance, TimeSpan After, TimeSpan Pause)
    {
        public override string ToString() => Kind switch
        {
            Kind.KillHost => $"SIGKILL host of instance {Instance + 1}, restart after {Pause.TotalSeconds:0.0} s",
            Kind.KillWorker => $"SIGKILL worker of instance {Instance + 1}",
            Kind.RestartAzurite => $"restart Azurite (down {Pause.TotalSeconds:0.0} s)",
            _ => $"restart LocalCloud: Service Bus, ARM, Kubernetes APIs (down {Pause.TotalSeconds:0.0} s)",
        };
    }

    public static FaultPlan Random(int seed, int instances, int hostKills, int workerKills, int restarts, TimeSpan minGap, TimeSpan maxGap)
    {
        var random = new Random(seed);
        var kinds = Enumerable.Repeat(Kind.KillHost, hostKills)
            .Concat(Enumerable.Repeat(Kind.KillWorker, workerKills))
            .Concat(Enumerable.Repeat(Kind.RestartAzurite, restarts))
            .Concat(Enumerable.Repeat(Kind.RestartLocalCloud, restarts))
            .OrderBy(_ => random.Next())
            .ToList();
        TimeSpan Between(TimeSpan low, TimeSpan high) => low + ((high - low) * random.NextDouble());
        return new FaultPlan(kinds.Select(kind => new Fault(kind, random.Next(instances), Between(minGap, maxGap),
            Between(TimeSpan.FromSeconds(0.5), TimeSpan.FromSeconds(3)))).ToList());
    }
}
