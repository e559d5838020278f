using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster approve NAME [--deny] [--comment TEXT]</c>: an approver decides on a build that waits for approval.</summary>
public sealed class ApproveCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("approve (or --deny) a build waiting for approval: NAME [--comment TEXT] [--endpoint URL]", ["--endpoint", "--key", "--comment"], ["--deny"], Positional: "--name");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var api = RemoteApi.Connect(arguments);
        var name = arguments.Require("--name");
        var (status, body) = await api.ApproveAsync(name, !arguments.Has("--deny"), arguments.Get("--comment"), cancellationToken);
        if (status != 202)
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
            return 1;
        }

        output.WriteLine($"{(arguments.Has("--deny") ? "denied" : "approved")} cluster {name} as {body?["by"]}");
        return 0;
    }
}
