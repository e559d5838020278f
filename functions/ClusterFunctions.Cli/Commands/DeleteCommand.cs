using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster delete NAME</c>: asks a running host to delete a cluster and waits until it is gone.</summary>
public sealed class DeleteCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("delete a cluster on a running host: NAME [--endpoint URL] [--no-wait]", ["--endpoint", "--key"], ["--no-wait"], Positional: "--name");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var api = RemoteApi.Connect(arguments);
        var name = arguments.Require("--name");
        var (status, body) = await api.DeleteAsync(name, cancellationToken);
        if (status != 202)
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
            return 1;
        }

        output.WriteLine($"deleting cluster {name}");
        if (arguments.Has("--no-wait"))
        {
            return 0;
        }

        var printer = new ProgressPrinter(output);
        while (true)
        {
            var (_, view) = await api.GetAsync($"api/clusters/{Uri.EscapeDataString(name)}", cancellationToken);
            printer.Show(view);
            var state = view?["state"]?.ToString();
            if (state is "Deleted" or "DeleteFailed")
            {
                output.WriteLine($"cluster {name}: {state}");
                return state == "Deleted" ? 0 : 1;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
