using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Catalog;
using Microsoft.Azure.Functions.Worker;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary><c>GET /api/catalog</c>: where the catalog comes from, the commit in force, the last refused one and why, and the profiles with their versions.</summary>
public sealed class GetCatalogHttpTrigger(CatalogSource catalog, IOptions<GitCatalogOptions> options)
{
    [Function(nameof(GetCatalogHttpTrigger))]
    public IResult RunFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalog")] HttpRequest request) => Run();

    public IResult Run()
    {
        var git = options.Value;
        var loaded = catalog.LoadWithRevision();
        return Results.Ok(new
        {
            source = git.Enabled
                ? (object)new { kind = "git", url = GitUrls.Redact(git.Url), @ref = git.Ref, path = git.Path }
                : new { kind = "folder", directory = catalog.Directory },
            revision = loaded.Revision,
            head = catalog.Head,
            lastRefused = CatalogViews.Refusal(catalog.LastRefused),
            problems = loaded.Result.Problems.Select(p => p.ToString()),
            profiles = loaded.Result.Problems.Count > 0
                ? []
                : ProfileComposer.ConcreteProfiles(loaded.Result.Catalog).Select(name => new
                {
                    name,
                    version = ClusterPlanRenderer.Render(loaded.Result.Catalog, new ClusterRequest("catalog", CatalogValidator.SampleClusterName, name)).Plan?.ProfileVersion,
                }).ToList(),
        });
    }
}
