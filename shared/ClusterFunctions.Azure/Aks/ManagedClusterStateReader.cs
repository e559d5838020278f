using System.Text.Json;
using Azure.ResourceManager.Resources;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Azure.Aks;

/// <summary>Reads provisioningState, power state, FQDN and pools out of a managed cluster as ARM returns it.</summary>
internal static class ManagedClusterStateReader
{
    public static InfrastructureState Read(GenericResourceData data)
    {
        using var document = JsonDocument.Parse(data.Properties?.ToMemory() ?? BinaryData.FromString("{}").ToMemory());
        var properties = document.RootElement;
        var provisioningState = Text(properties, "provisioningState");
        var phase = provisioningState switch
        {
            null => InfrastructurePhase.InProgress,
            _ when Is(provisioningState, "Succeeded") => InfrastructurePhase.Ready,
            _ when Is(provisioningState, "Failed") || Is(provisioningState, "Canceled") => InfrastructurePhase.Failed,
            _ when Is(provisioningState, "Deleting") => InfrastructurePhase.Deleting,

            // Creating, Updating, Upgrading, Scaling, Starting, Stopping...: anything non-terminal is in progress.
            _ => InfrastructurePhase.InProgress,
        };

        string? errorCode = null;
        string? errorMessage = null;
        if (properties.TryGetProperty("status", out var status) && status.ValueKind == JsonValueKind.Object
            && status.TryGetProperty("provisioningError", out var error) && error.ValueKind == JsonValueKind.Object)
        {
            errorCode = Text(error, "code");
            errorMessage = Text(error, "message");
        }

        return new InfrastructureState(
            phase,
            data.Id?.ToString(),
            provisioningState,
            PowerState(properties),
            Text(properties, "fqdn") ?? Text(properties, "privateFQDN"),
            Pools(properties),
            errorCode,
            errorMessage,
            Text(properties, "currentKubernetesVersion") ?? Text(properties, "kubernetesVersion"));
    }

    private static List<NodePoolState> Pools(JsonElement properties)
    {
        var pools = new List<NodePoolState>();
        if (properties.ValueKind != JsonValueKind.Object
            || !properties.TryGetProperty("agentPoolProfiles", out var profiles) || profiles.ValueKind != JsonValueKind.Array)
        {
            return pools;
        }

        foreach (var pool in profiles.EnumerateArray())
        {
            pools.Add(new NodePoolState(
                Text(pool, "name") ?? "",
                Text(pool, "mode"),
                Text(pool, "vmSize"),
                Int(pool, "count"),
                Int(pool, "minCount"),
                Int(pool, "maxCount"),
                Text(pool, "provisioningState"),
                PowerState(pool),
                Text(pool, "currentOrchestratorVersion") ?? Text(pool, "orchestratorVersion")));
        }

        return pools;
    }

    private static string? PowerState(JsonElement element) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty("powerState", out var power) ? Text(power, "code") : null;

    private static bool Is(string value, string expected) => string.Equals(value, expected, StringComparison.OrdinalIgnoreCase);

    private static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    private static int? Int(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.TryGetInt32(out var number)
            ? number
            : null;
}
