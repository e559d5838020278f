using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster profiles</c>: the profiles a request may name, with their version hashes and what a new version does (rollout).</summary>
public sealed class ProfilesCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("list profiles with their version hash and rollout", ["--catalog"], []);

    public Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        if (CatalogLocator.LoadOrReport(arguments.Get("--catalog"), error) is not { } catalog)
        {
            return Task.FromResult(1);
        }

        output.WriteLine($"{"PROFILE",-14} {"VERSION",-13} {"ROLLOUT",-8} {"REGION",-15} DESCRIPTION");
        var exit = 0;
        var versions = ProfileVersions.Of(catalog);
        foreach (var name in ProfileComposer.ConcreteProfiles(catalog))
        {
            var result = ClusterPlanRenderer.Render(catalog, new ClusterRequest("profiles", CatalogValidator.SampleClusterName, name));
            if (result.Plan is { } plan)
            {
                var region = plan.Infrastructure.Aks?.Location ?? plan.Infrastructure.Provider;
                var description = catalog.Profiles[name].Root["description"]?.GetValue<string>() ?? "";
                var rollout = versions[name].Rollout.ToString().ToLowerInvariant();
                output.WriteLine($"{name,-14} {plan.ProfileVersion,-13} {rollout,-8} {region,-15} {description}");
            }
            else
            {
                output.WriteLine($"{name,-14} {"invalid",-13} (run ./cluster validate)");
                exit = 1;
            }
        }

        return Task.FromResult(exit);
    }
}
