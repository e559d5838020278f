using System.Collections.Concurrent;
using System.Text.Json.Nodes;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Telemetry;

/// <summary>
/// The W3C trace context each orchestration was started under (kept in its input), so every activity
/// of a build joins the trace of the request that started it, in whichever process it runs. Scoped, like the
/// client it reads with; what it has read is kept for the process in <see cref="KnownTraceParents"/>.
/// </summary>
public sealed class TraceParents(DurableTaskClient client, KnownTraceParents known)
{
    public async ValueTask<string?> GetAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        if (known.TryGetValue(instanceId, out var cached))
        {
            return cached;
        }

        OrchestrationMetadata? instance;
        try
        {
            instance = await client.GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken);
        }
        catch (Grpc.Core.RpcException)
        {
            // The host could not answer now (its storage restarting, say): the span starts without a parent this
            // time. Tracing must not fail the step it traces (a build failed on this under the chaos harness).
            return null;
        }

        // The worker's serializer decides the property's casing (PascalCase by default); match it either way.
        var traceParent = instance?.SerializedInput is { } input && JsonNode.Parse(input) is JsonObject fields
            ? fields.FirstOrDefault(f => string.Equals(f.Key, "traceParent", StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>()
            : null;
        known.Remember(instanceId, traceParent);
        return traceParent;
    }
}
