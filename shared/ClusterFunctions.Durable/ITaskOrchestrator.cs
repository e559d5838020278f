namespace ClusterFunctions.Durable;

/// <summary>The untyped orchestrator contract the engine calls.</summary>
public interface ITaskOrchestrator
{
    /// <summary>The type the input is deserialized to.</summary>
    Type InputType { get; }

    /// <summary>The type of the output.</summary>
    Type OutputType { get; }

    /// <summary>Runs the orchestrator; must be deterministic.</summary>
    Task<object?> RunAsync(TaskOrchestrationContext context, object? input);
}
