using System.Collections.Concurrent;

namespace ClusterFunctions.Functions.Telemetry;

/// <summary>Trace parents already read, for every invocation of this worker: an instance's input does not change, and
/// reading it again cost each activity a round trip to the task hub's storage.</summary>
public sealed class KnownTraceParents : ConcurrentDictionary<string, string?>
{
    public KnownTraceParents()
        : base(StringComparer.Ordinal)
    {
    }
}
