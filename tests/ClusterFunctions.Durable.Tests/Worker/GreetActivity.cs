namespace ClusterFunctions.Durable.Tests.Worker;

/// <summary>An activity with a constructor-injected dependency.</summary>
internal sealed class GreetActivity(Greeting greeting) : TaskActivity<string, string>
{
    public override Task<string> RunAsync(TaskActivityContext context, string input) =>
        Task.FromResult($"{greeting.Word}, {input} (from {context.Name} for {context.InstanceId})");
}
