using ClusterFunctions.Host.Worker;

namespace ClusterFunctions.Host.Functions;

/// <summary>A worker function as the host runs it: its kind and the bindings the engine resolves before each call,
/// in the order of the generated method's parameters after the trigger's.</summary>
internal sealed record HostedFunction(WorkerFunction Function, FunctionKind Kind, IReadOnlyList<WorkerBinding> EngineInputs)
{
    public string Name => Function.Name;

    public WorkerBinding Trigger => Function.Trigger!;
}
