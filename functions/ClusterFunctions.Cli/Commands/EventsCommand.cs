using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster events</c>: subscribes to the events topic and prints each CloudEvent as it arrives.</summary>
public sealed class EventsCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("print completion events as they arrive: [--connection SERVICEBUS] [--subscription all]", ["--connection", "--subscription", "--topic"], []);

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var connection = arguments.Get("--connection") ?? Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_SERVICEBUS")
            ?? throw new CliUsageException("events needs --connection or CLUSTERFUNCTIONS_SERVICEBUS (a Service Bus connection string; ./cluster serve prints it)");
        await using var watcher = new EventWatcher(connection, arguments.Get("--topic") ?? "cluster-events", arguments.Get("--subscription") ?? "all");
        error.WriteLine("listening for events; Ctrl+C stops");
        try
        {
            await foreach (var e in watcher.ReadAllAsync(cancellationToken))
            {
                output.WriteLine(e.Json);
                await output.FlushAsync(cancellationToken);
            }
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            // Ctrl+C is how this command ends.
        }

        return 0;
    }
}
