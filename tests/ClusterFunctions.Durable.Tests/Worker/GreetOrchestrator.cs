namespace ClusterFunctions.Durable.Tests.Worker;

/// <summary>A class-based orchestrator that calls a class-based activity by nameof.</summary>
internal sealed class GreetOrchestrator : TaskOrchestrator<string, string>
{
    public override Task<string> RunAsync(TaskOrchestrationContext context, string input) =>
        context.CallActivityAsync<string>(nameof(GreetActivity), input);
}
