using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Functions.Ledger;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// What an upgrade does to one cluster, from the two sources of truth: the plan last applied (its ledger record) and
/// the plan its request renders to now (the catalog). Also checks that an upgrade was started by the upgrade route.
/// </summary>
public sealed class UpgradeTargets(CatalogSource catalog, ClusterRecords records, RouteSignatures signatures)
{
    /// <summary>Throws unless the upgrade route signed this upgrade (its instance, profile, version, mode and caller).</summary>
    public async Task VerifyAsync(PlanUpgradeRequest input, CancellationToken cancellationToken)
    {
        var upgrade = input.Upgrade;
        var parts = RouteSignatures.Upgrade(input.UpgradeInstanceId, upgrade.Profile, upgrade.ProfileVersion, upgrade.WaveSize, upgrade.DryRun, upgrade.RequestedBy);
        if (!await signatures.VerifyAsync(upgrade.Signature, parts, cancellationToken))
        {
            throw Rejected("this upgrade was not started through the app's upgrade route, so it changes nothing");
        }
    }

    /// <summary>The cluster's recorded plan and its plan now, which must be of <paramref name="version"/>.</summary>
    public async Task<UpgradeTarget> RenderAsync(string profile, string version, string clusterName, CancellationToken cancellationToken)
    {
        var record = await records.ReadAsync(clusterName, cancellationToken)
            ?? throw Rejected($"cluster '{clusterName}' has no record: it is not Ready, or it was deleted");
        if (record.Plan.Profile != profile)
        {
            throw Rejected($"cluster '{clusterName}' is of profile '{record.Plan.Profile}', not '{profile}'");
        }

        var (loaded, revision) = catalog.LoadWithRevision();
        if (loaded.Problems.Count > 0)
        {
            throw new PlanRejectedException(loaded.Problems);
        }

        var rendered = ClusterPlanRenderer.Render(loaded.Catalog, record.Request);
        // The upgraded cluster's record names the catalog commit its new plan came from, as a build's does.
        var plan = (rendered.Plan ?? throw new PlanRejectedException(rendered.Problems)) with { CatalogRevision = revision };
        return plan.ProfileVersion == version
            ? new UpgradeTarget(record.Request, record.Plan, plan)
            : throw Rejected($"profile '{profile}' changed again (it is now version {plan.ProfileVersion}) since this upgrade to {version} started; start an upgrade to the new version");
    }

    private static PlanRejectedException Rejected(string message) => new([new CatalogProblem("request", "", message)]);
}
