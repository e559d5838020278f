using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Messaging.Tests.Events;

/// <summary>Event data as the orchestrator would publish it.</summary>
internal static class ClusterEventSamples
{
    public static readonly DateTimeOffset Start = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    public static ClusterEventData Ready(IReadOnlyDictionary<string, string>? endpoints = null) => new(
        "req-42",
        "blue",
        "production",
        "sha256:abc",
        [
            new StepRecord("infrastructure", StepState.Succeeded, Start, Start.AddMinutes(6), null),
            new StepRecord("apps", StepState.Succeeded, Start.AddMinutes(6), Start.AddMinutes(8), null),
        ],
        endpoints ?? new Dictionary<string, string> { ["kubernetesApi"] = "https://blue-dns.hcp.westeurope.azmk8s.io:443" },
        null);
}
