using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary>
/// <c>./cluster cancel NAME [--reason TEXT]</c>: stops a running build on a running host and waits until it shows
/// Terminated; its subscribers get a ClusterFailed saying who cancelled it and why.
/// </summary>
public sealed class CancelCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("stop a running build on a running host: NAME [--reason TEXT] [--endpoint URL]", ["--endpoint", "--key", "--reason"], [], Positional: "--name");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var api = RemoteApi.Connect(arguments);
        var name = arguments.Require("--name");
        var (status, body) = await api.CancelAsync(name, arguments.Get("--reason"), cancellationToken);
        if (status != 202)
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
            return 1;
        }

        output.WriteLine($"cancelling the build of cluster {name}: {body?["reason"]}");
        // The engine ends the build when it takes the termination; until then the build still shows Building.
        while (true)
        {
            var (_, view) = await api.GetAsync($"api/clusters/{Uri.EscapeDataString(name)}", cancellationToken);
            if (view?["state"]?.ToString() is { } state && state != "Building")
            {
                output.WriteLine($"cluster {name}: {state}" + (view["failure"]?["step"] is { } step ? $" at step {step}" : ""));
                return state == "Terminated" ? 0 : 1;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(500), cancellationToken);
        }
    }
}
