using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Cli.Remote;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Plans;
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

        if (!CliTarget.IsRemote(arguments) && !RequestIsBuildable(arguments, request, error))
        {
            // Checked against the local catalog before any emulator starts: a typo costs no start-up.
            return 1;
        }

        var progress = json ? error : output;
        try
        {
            return await CreateAsync(arguments, request, json, progress, output, error, deadline.Token, cancellationToken);
        }
        catch (OperationCanceledException) when (deadline.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            error.WriteLine($"error: cluster {request.ClusterName} was not finished after {timeout.TotalMinutes:0.#} minutes (--timeout); ./cluster status {request.ClusterName} shows where it is");
            return 1;
        }
    }

    private static bool RequestIsBuildable(CliArguments arguments, ClusterRequest request, TextWriter error)
    {
        if (CatalogLocator.LoadOrReport(arguments.Get("--catalog"), error) is not { } catalog)
        {
            return false;
        }

        var problems = ClusterPlanRenderer.Render(catalog, request).Problems;
        foreach (var problem in problems)
        {
            error.WriteLine(problem.Path.Length == 0 ? $"error: {problem.Message}" : $"error: {problem.Path}: {problem.Message}");
        }

        return problems.Count == 0;
    }

    private static async Task<int> CreateAsync(CliArguments arguments, ClusterRequest request, bool json, TextWriter progress, TextWriter output, TextWriter error, CancellationToken deadline, CancellationToken cancellationToken)
    {
        await using var target = await CliTarget.ConnectAsync(arguments, progress, deadline);
        if (target.Events is null)
        {
            throw new CliUsageException("--endpoint needs CLUSTERFUNCTIONS_SERVICEBUS (a Service Bus connection string) to receive the ClusterReady event");
        }

        progress.WriteLine($"creating cluster {request.ClusterName} (profile {request.Profile}, request {request.RequestId}) on {target.Description}");
        var (status, body) = await target.Api.CreateAsync(request, deadline);
        if (status is not (202 or 200))
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
            return 1;
        }

        var completion = target.Events.WaitForCompletionAsync(request.RequestId, deadline);
        var printer = new ProgressPrinter(progress);
        var askedForApproval = false;
        while (!completion.IsCompleted)
        {
            var (_, view) = await target.Api.GetAsync($"api/clusters/{request.ClusterName}", deadline);
            printer.Show(view);
            if (!askedForApproval && WaitsForApproval(view))
            {
                askedForApproval = true;
                await ApproveOrExplainAsync(arguments, target, request.ClusterName, progress, deadline);
            }

            await Task.WhenAny(completion, Task.Delay(TimeSpan.FromMilliseconds(250), deadline));
        }

        var (type, eventJson) = await completion;
        printer.Show((await target.Api.GetAsync($"api/clusters/{request.ClusterName}", deadline)).Body);
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
            var server = JsonNode.Parse(eventJson)?["data"]?["endpoints"]?["kubernetesApi"]?.GetValue<string>();
            var kubeconfig = server is null ? null : await target.WriteKubeconfigAsync(request.ClusterName, server, cancellationToken);
            progress.WriteLine(kubeconfig is null
                ? "LocalCloud keeps running. Ctrl+C stops it."
                : $"LocalCloud keeps running; its API takes the cluster's certificate and token: kubectl --kubeconfig {kubeconfig} get pods -A. Ctrl+C stops it.");
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
            progress.WriteLine($"  waiting for approval: an approver runs {target.ApproveCommand(name)} (or create again with --approve)");
            return;
        }

        var (status, body) = await target.Api.ApproveAsync(name, approved: true, "approved at creation with --approve", cancellationToken);
        progress.WriteLine(status == 202 ? $"  approved by {body?["by"]}" : $"  approval refused: {body?["error"] ?? $"HTTP {status}"}");
    }
}
