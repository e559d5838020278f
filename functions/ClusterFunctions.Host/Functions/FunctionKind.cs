namespace ClusterFunctions.Host.Functions;

/// <summary>How the host runs a worker function, decided by its trigger.</summary>
internal enum FunctionKind
{
    /// <summary>The host serves the trigger: an HTTP route, or a listener of the host's own (Service Bus).</summary>
    Called,

    /// <summary>The Durable extension triggers it with an encoded <c>OrchestratorRequest</c>.</summary>
    Orchestrator,

    /// <summary>The Durable extension triggers it with the activity's JSON input.</summary>
    Activity,
}
