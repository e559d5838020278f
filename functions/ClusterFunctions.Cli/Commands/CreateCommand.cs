using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Cli.Remote;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Cli.Commands;

/// <summary>
/// <c>./cluster create</c>: the main job. Without an endpoint it runs LocalCloud and the function app
/// in-process; it posts the request over HTTP, shows each step live, and prints the ClusterReady
/// event a subscriber receives. Exit 0 when ready, 1 with the failing step otherwise.
/// </summary>
public sealed class CreateCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        "build a complete cluster: --profile NAME --name CLUSTER [--region R] [--output text|json] [--endpoint URL]",
        ["--profile", "--name", "--region", "--request-id", "--output", "--endpoint", "--key", "--catalog", "--timeout"],
        ["--keep-running", "--approve"]);

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var json = (arguments.Get("--output") ?? "text") switch
        {
            "json" => true,
            "text" => false,
            _ => throw new CliUsageException("--output must be text or json"),
        };
        var request = new ClusterRequest(
            arguments.Get("--request-id") ?? $"cli-{Guid.NewGuid():N}",
            arguments.Require("--name"),
            arguments.Require("--profile"),
            arguments.Get("--region") is { } region ? new RequestOverrides(Region: region) : null,
            Environment.UserName);
        var timeout = TimeSpan.FromMinutes(double.Parse(arguments.Get("--timeout") ?? "30", System.Globalization.CultureInfo.InvariantCulture));
        using var deadline = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        deadline.CancelAfter(timeout);

        var progress = json ? error : output;
        await using var target = await CliTarget.ConnectAsync(arguments, progress, deadline.Token);
        if (target.Events is null)
        {
            throw new CliUsageException("--endpoint needs CLUSTERFUNCTIONS_SERVICEBUS (a Service Bus connection string) to receive the ClusterReady event");
        }

        progress.WriteLine($"creating cluster {request.ClusterName} (profile {request.Profile}, request {request.RequestId}) on {target.Description}");
        var (status, body) = await target.Api.CreateAsync(request, deadline.Token);
        if (status is not (202 or 200))
        {
            error.WriteLine($"error: {Describe(status, body)}");
            return 1;
        }

        var completion = target.Events.WaitForCompletionAsync(request.RequestId, deadline.Token);
        var printer = new ProgressPrinter(progress);
        var askedForApproval = false;
        while (!completion.IsCompleted)
        {
            var (_, view) = await target.Api.GetAsync($"api/clusters/{request.ClusterName}", deadline.Token);
            printer.Show(view);
            if (!askedForApproval && WaitsForApproval(view))
            {
                askedForApproval = true;
                await ApproveOrExplainAsync(arguments, target, request.ClusterName, progress, deadline.Token);
            }

            await Task.WhenAny(completion, Task.Delay(TimeSpan.FromMilliseconds(250), deadline.Token));
        }

        var (type, eventJson) = await completion;
        printer.Show((await target.Api.GetAsync($"api/clusters/{request.ClusterName}", deadline.Token)).Body);
        var pretty = JsonNode.Parse(eventJson)!.ToJsonString(new JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
        if (!json)
        {
            output.WriteLine(type == ClusterEventTypes.Ready ? $"cluster {request.ClusterName} is ready. ClusterReady event:" : $"cluster {request.ClusterName} failed. ClusterFailed event:");
        }

        (type == ClusterEventTypes.Ready ? output : (json ? output : error)).WriteLine(pretty);
        if (type != ClusterEventTypes.Ready)
        {
            var failure = JsonNode.Parse(eventJson)?["data"]?["failure"];
            error.WriteLine($"error: step {failure?["step"]} failed: {failure?["cause"]}");
            return 1;
        }

        if (arguments.Has("--keep-running"))
        {
            progress.WriteLine("LocalCloud keeps running; point kubectl at the kubernetesApi endpoint above. Ctrl+C stops it.");
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return 0;
    }

    private static bool WaitsForApproval(JsonNode? view) =>
        view?["steps"]?.AsArray().Any(s => s?["name"]?.ToString() == "approval" && s["state"]?.ToString() == "Running") == true;

    private static async Task ApproveOrExplainAsync(CliArguments arguments, CliTarget target, string name, TextWriter progress, CancellationToken cancellationToken)
    {
        if (!arguments.Has("--approve"))
        {
            progress.WriteLine($"  waiting for approval: an approver runs ./cluster approve {name} (or creates with --approve)");
            return;
        }

        var (status, body) = await target.Api.ApproveAsync(name, approved: true, "approved at creation with --approve", cancellationToken);
        progress.WriteLine(status == 202 ? $"  approved by {body?["by"]}" : $"  approval refused: {body?["error"] ?? $"HTTP {status}"}");
    }

    private static string Describe(int status, JsonNode? body) =>
        body?["errors"] is JsonArray errors
            ? string.Join("; ", errors.Select(e => $"{e!["field"]}: {e["message"]}"))
            : $"HTTP {status}: {body?["error"] ?? body}";
}
