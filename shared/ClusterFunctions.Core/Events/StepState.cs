using System.Text.Json.Serialization;

namespace ClusterFunctions.Core.Events;

/// <summary>Where one step of a build is; serialised by name so status and events read the same everywhere.</summary>
[JsonConverter(typeof(JsonStringEnumConverter<StepState>))]
public enum StepState
{
    Pending,
    Running,
    Succeeded,
    Failed,
    Skipped,
}
