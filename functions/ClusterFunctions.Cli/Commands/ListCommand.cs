using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster list</c>: every cluster a running host has built or is building.</summary>
public sealed class ListCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("list clusters on a running host: [--endpoint URL]", ["--endpoint", "--key"], []);

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var api = RemoteApi.Connect(arguments);
        var (status, body) = await api.GetAsync("api/clusters", cancellationToken);
        if (status != 200)
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
            return 1;
        }

        output.WriteLine($"{"NAME",-24} {"STATE",-12} {"PROFILE",-12} {"VERSION",-13} REQUEST");
        foreach (var cluster in body!.AsArray())
        {
            output.WriteLine($"{cluster!["name"],-24} {cluster["state"],-12} {cluster["profile"],-12} {cluster["profileVersion"],-13} {cluster["requestId"]}");
        }

        return 0;
    }
}
