using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Catalog;
using ClusterFunctions.Functions.Rollout;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>GET /api/catalog</c>: where the catalog comes from, the commit in force, the last refused one and why, the
/// profiles with their versions and rollout, and the rollouts pending: profiles some of whose clusters run an older
/// version, with the upgrade to the new one if it started (a manual profile's waits for <c>./cluster upgrade</c>).
/// </summary>
public sealed class GetCatalogHttpTrigger(CatalogSource catalog, CatalogRollouts rollouts, IOptions<GitCatalogOptions> options)
{
    [Function(nameof(GetCatalogHttpTrigger))]
    public Task<IResult> RunFunction([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "catalog")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient) => RunAsync(request.HttpContext.RequestAborted);

    public async Task<IResult> RunAsync(CancellationToken cancellationToken = default)
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
            profiles = (CatalogRollouts.VersionsIn(loaded.Result) ?? new Dictionary<string, ProfileVersionInForce>())
                .OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => new
                {
                    name = p.Key,
                    version = p.Value.Version,
                    rollout = p.Value.Rollout.ToString().ToLowerInvariant(),
                }).ToList(),
            rollouts = (await rollouts.PendingAsync(cancellationToken)).Select(r => new
            {
                profile = r.Profile,
                version = r.Version,
                rollout = r.Rollout.ToString().ToLowerInvariant(),
                clustersBehind = r.ClustersBehind,
                upgrade = r.UpgradeId is null ? null : new { id = r.UpgradeId, runtimeStatus = r.UpgradeStatus },
                next = r.UpgradeId is not null ? null
                    : r.Rollout == RolloutMode.Auto ? "starts at the next reconcile check of one of its clusters"
                    : $"waits for a person: ./cluster upgrade --profile {r.Profile}",
            }),
        });
    }
}
