using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Yaml;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster plan</c>: exactly what "create" would do, as a summary or in full.</summary>
public sealed class PlanCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        "show what create would do: --profile NAME --name CLUSTER [--region R] [--output text|json|yaml]",
        ["--profile", "--name", "--region", "--catalog", "--output", "--request-id"],
        []);

    public Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var format = arguments.Get("--output") ?? "text";
        if (format is not ("text" or "json" or "yaml"))
        {
            throw new CliUsageException("--output must be text, json or yaml");
        }

        var name = arguments.Require("--name");
        var profile = arguments.Require("--profile");
        if (CatalogLocator.LoadOrReport(arguments.Get("--catalog"), error) is not { } catalog)
        {
            return Task.FromResult(1);
        }

        var region = arguments.Get("--region");
        var request = new ClusterRequest(
            arguments.Get("--request-id") ?? $"plan-{name}",
            name,
            profile,
            region is null ? null : new RequestOverrides(Region: region));
        var result = ClusterPlanRenderer.Render(catalog, request);
        if (result.Plan is not { } plan)
        {
            foreach (var problem in result.Problems)
            {
                error.WriteLine($"error: {problem}");
            }

            return Task.FromResult(1);
        }

        output.Write(format switch
        {
            "json" => CanonicalJsonIndented(PlanDocument.ToJson(plan)) + Environment.NewLine,
            "yaml" => YamlWriter.Write(PlanDocument.ToJson(plan)),
            _ => PlanText.Write(plan),
        });
        return Task.FromResult(0);
    }

    // Keep the document's own key order (readable: requestId first), indented for people and jq alike.
    private static string CanonicalJsonIndented(JsonObject document) =>
        document.ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true, Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping });
}
