using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary>
/// <c>./cluster describe NAME</c>: every step of a cluster's build with its state and time, and for each step not done
/// what it waits for (a cloud operation, a readiness gate, an approval) or why it failed, as <c>clusterctl describe</c>
/// explains a cluster.
/// </summary>
public sealed class DescribeCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("explain one cluster's build: each step, what it waits for or why it failed: NAME [--endpoint URL]", ["--endpoint", "--key"], [], Positional: "--name");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var api = RemoteApi.Connect(arguments);
        var name = arguments.Require("--name");
        if (await api.GetClusterAsync(name, error, cancellationToken) is not { } body)
        {
            return 1;
        }

        Write(body, output);
        return 0;
    }

    /// <summary>The description of one status document (GET /api/clusters/NAME).</summary>
    public static void Write(JsonNode cluster, TextWriter output)
    {
        output.WriteLine($"Cluster {cluster["name"]}: {cluster["state"]} ({cluster["operation"]})");
        output.WriteLine($"  profile {cluster["profile"]} {cluster["profileVersion"]}, request {cluster["requestId"]}, requested by {cluster["requestedBy"] ?? "unknown"}"
            + (cluster["approvedBy"] is { } approver ? $", approved by {approver}" : ""));
        if (cluster["expiresAt"] is { } expiresAt)
        {
            output.WriteLine($"  expires at {Time(expiresAt):yyyy-MM-dd HH:mm:ss}Z (./cluster extend {cluster["name"]} 4h pushes it back)");
        }

        var steps = cluster["steps"]?.AsArray() ?? [];
        var width = Math.Max(4, steps.Max(s => s!["name"]!.GetValue<string>().Length));
        output.WriteLine($"  {"STEP".PadRight(width)}  {"STATE",-9}  {"TIME",-9}  DETAIL");
        foreach (var step in steps)
        {
            var state = step!["state"]!.GetValue<string>();
            var detail = state switch
            {
                "Running" => step["waiting"] is { } waiting ? $"waiting for {waiting}" : "working",
                "Failed" or "Skipped" => step["error"]?.GetValue<string>() ?? "",
                "Pending" => "not started",
                _ => "",
            };
            output.WriteLine($"  {step["name"]!.GetValue<string>().PadRight(width)}  {state,-9}  {Elapsed(step),-9}  {detail}".TrimEnd());
        }

        if (cluster["failure"] is { } failure)
        {
            // A terminated build's cause already says "terminated by ...".
            output.WriteLine($"  {(cluster["state"]?.ToString() == "Terminated" ? "stopped" : "failed")} at {failure["step"]}: {failure["cause"]}");
            foreach (var cleaned in failure["cleanedUp"]?.AsArray() ?? [])
            {
                output.WriteLine($"  cleaned up: {cleaned}");
            }
        }

        foreach (var (key, value) in cluster["endpoints"]?.AsObject() ?? [])
        {
            output.WriteLine($"  endpoint {key}: {value}");
        }
    }

    /// <summary>How long the step took, or has been running until now.</summary>
    private static string Elapsed(JsonNode step)
    {
        if (Time(step["startedAt"]) is not { } started)
        {
            return "";
        }

        var end = Time(step["completedAt"]) ?? DateTimeOffset.UtcNow;
        var seconds = (end - started).TotalSeconds;
        return seconds < 60 ? $"{seconds.ToString("0.0", CultureInfo.InvariantCulture)} s" : $"{Math.Floor(seconds / 60)} min {Math.Floor(seconds % 60)} s";
    }

    private static DateTimeOffset? Time(JsonNode? value) =>
        value is null ? null : DateTimeOffset.Parse(value.GetValue<string>(), CultureInfo.InvariantCulture);
}
