using System.Text.Json;

namespace ClusterFunctions.Durable.Client;

/// <summary>The status of an orchestration instance as a client sees it.</summary>
public sealed record OrchestrationMetadata(string Name, string InstanceId)
{
    private readonly JsonSerializerOptions? serializerOptions;

    internal OrchestrationMetadata(string name, string instanceId, JsonSerializerOptions? serializerOptions)
        : this(name, instanceId)
    {
        this.serializerOptions = serializerOptions;
    }

    /// <summary>The runtime status.</summary>
    public OrchestrationRuntimeStatus RuntimeStatus { get; init; }

    /// <summary>When the instance was created.</summary>
    public DateTimeOffset CreatedAt { get; init; }

    /// <summary>When the instance last changed.</summary>
    public DateTimeOffset LastUpdatedAt { get; init; }

    /// <summary>Serialized input, when fetched with inputs and outputs.</summary>
    public string? SerializedInput { get; init; }

    /// <summary>Serialized output, when fetched with inputs and outputs.</summary>
    public string? SerializedOutput { get; init; }

    /// <summary>Serialized custom status, when fetched with inputs and outputs.</summary>
    public string? SerializedCustomStatus { get; init; }

    /// <summary>Tags given at start.</summary>
    public IReadOnlyDictionary<string, string>? Tags { get; init; }

    /// <summary>Why the instance failed.</summary>
    public TaskFailureDetails? FailureDetails { get; init; }

    /// <summary>True when inputs, outputs and custom status were fetched.</summary>
    public bool RequestedInputsAndOutputs { get; init; }

    /// <summary>Pending, running or suspended.</summary>
    public bool IsRunning => RuntimeStatus is OrchestrationRuntimeStatus.Running or OrchestrationRuntimeStatus.Pending or OrchestrationRuntimeStatus.Suspended;

    /// <summary>Completed, failed or terminated.</summary>
    public bool IsCompleted => RuntimeStatus.IsTerminal();

    /// <summary>Deserializes the input.</summary>
    public T? ReadInputAs<T>() => Read<T>(SerializedInput);

    /// <summary>Deserializes the output.</summary>
    public T? ReadOutputAs<T>() => Read<T>(SerializedOutput);

    /// <summary>Deserializes the custom status.</summary>
    public T? ReadCustomStatusAs<T>() => Read<T>(SerializedCustomStatus);

    private T? Read<T>(string? json)
    {
        if (!RequestedInputsAndOutputs)
        {
            throw new InvalidOperationException(
                "The metadata was fetched without inputs and outputs; pass getInputsAndOutputs: true to read them.");
        }

        return json is null ? default : JsonSerializer.Deserialize<T>(json, serializerOptions);
    }
}
