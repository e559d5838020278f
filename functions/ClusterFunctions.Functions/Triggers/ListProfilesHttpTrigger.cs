using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>GET /api/profiles</c>: the profiles a request may name, with version, region and description.</summary>
public sealed class ListProfilesHttpTrigger(CatalogSource catalog)
{
    [Function(nameof(ListProfilesHttpTrigger))]
    public IResult RunFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "profiles")] HttpRequest request) => Run();

    public IResult Run()
    {
        var loaded = catalog.Load();
        if (loaded.Problems.Count > 0)
        {
            return HttpProblems.Error(StatusCodes.Status500InternalServerError, $"the catalog has {loaded.Problems.Count} problem(s); run ./cluster validate");
        }

        var profiles = ProfileComposer.ConcreteProfiles(loaded.Catalog).Select(name =>
        {
            var plan = ClusterPlanRenderer.Render(loaded.Catalog, new ClusterRequest("profiles", CatalogValidator.SampleClusterName, name)).Plan;
            return new
            {
                name,
                version = plan?.ProfileVersion,
                region = plan?.Infrastructure.Aks?.Location,
                description = loaded.Catalog.Profiles[name].Root["description"]?.GetValue<string>(),
                apps = plan?.Levels.Where(l => l.Stage == PlanStage.Apps).SelectMany(l => l.Bundles).Select(b => b.Name).Order(StringComparer.Ordinal),
            };
        });
        return Results.Ok(profiles);
    }
}
