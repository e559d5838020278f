using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary>
/// <c>./cluster extend NAME 4h</c>: pushes a cluster's expiry back on a running host (the requester, or a caller who
/// may request its profile), and prints when it now expires.
/// </summary>
public sealed class ExtendCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("push a cluster's expiry back: NAME DURATION (e.g. 4h) [--endpoint URL]", ["--endpoint", "--key", "--by"], [], Positional: "--name", SecondPositional: "--by");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var name = arguments.Require("--name");
        var by = arguments.Require("--by");
        using var api = RemoteApi.Connect(arguments);
        var (status, body) = await api.ExtendAsync(name, by, cancellationToken);
        if (status is not (200 or 202))
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
            return 1;
        }

        // 202: asked, but the lease had not taken it when the app answered.
        output.WriteLine(status == 200
            ? $"cluster {name} now expires at {body?["expiresAt"]} (extended by {by})"
            : $"cluster {name} is to expire at {body?["expiresAt"]} (extended by {by}; not confirmed yet: ./cluster describe {name} shows it)");
        return 0;
    }
}
