using System.Text.Json;
using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster status NAME</c>: a running host's view of one cluster, every step with timings.</summary>
public sealed class StatusCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("show one cluster on a running host: NAME [--endpoint URL] [--output text|json]", ["--endpoint", "--key", "--output"], [], Positional: "--name");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var api = RemoteApi.Connect(arguments);
        var name = arguments.Require("--name");
        if (await api.GetClusterAsync(name, error, cancellationToken) is not { } body)
        {
            return 1;
        }

        if (arguments.Get("--output") == "json")
        {
            output.WriteLine(body.ToJsonString(new JsonSerializerOptions { WriteIndented = true }));
            return 0;
        }

        output.WriteLine($"{body["name"]}: {body["state"]} (profile {body["profile"]} {body["profileVersion"]}, request {body["requestId"]})");
        new ProgressPrinter(output).Show(body);
        foreach (var (key, value) in body["endpoints"]?.AsObject() ?? [])
        {
            output.WriteLine($"  endpoint {key}: {value}");
        }

        if (body["failure"] is { } failure)
        {
            output.WriteLine($"  failed at {failure["step"]}: {failure["cause"]}");
        }

        return 0;
    }
}
