using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>The output of a finished build: what was built where, each step's timing, and the endpoints.</summary>
public sealed record ClusterBuildResult(
    string ClusterName,
    string RequestId,
    string Profile,
    string ProfileVersion,
    InfrastructureRequest Infrastructure,
    IReadOnlyList<StepRecord> Steps,
    IReadOnlyDictionary<string, string> Endpoints);
