using System.Collections.Concurrent;

namespace ClusterFunctions.Functions.Telemetry;

/// <summary>
/// Trace parents already known, for every invocation of this worker: reading an instance's input cost each activity a
/// round trip to the task hub's storage. The scheduler tells it each build it starts, so the build's first activity
/// reads nothing, and a new build under a reused instance id (a cluster name built again) is not taken for the old one.
/// </summary>
public sealed class KnownTraceParents : ConcurrentDictionary<string, string?>
{
    private const int MaxKnown = 4096;

    public KnownTraceParents()
        : base(StringComparer.Ordinal)
    {
    }

    /// <summary>Keeps <paramref name="traceParent"/> as <paramref name="instanceId"/>'s, in place of any it had.</summary>
    public void Remember(string instanceId, string? traceParent)
    {
        // Bounded: a long-running host sees endless instances, and a miss only costs one read.
        if (Count >= MaxKnown)
        {
            Clear();
        }

        this[instanceId] = traceParent;
    }
}
