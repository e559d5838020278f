using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Who may act on a cluster once it exists (delete it, take its kubeconfig): the one who requested it, or a caller
/// the profile lets request such a cluster. A developer key that may not request production cannot remove or open a
/// production cluster either.
/// </summary>
public sealed class ClusterAccess(CatalogSource catalog)
{
    /// <summary>Null when <paramref name="caller"/> may <paramref name="action"/> the cluster <paramref name="built"/> asked for; otherwise why not.</summary>
    public string? Refusal(ClusterRequest built, Caller caller, string action)
    {
        if (built.RequestedBy is { Length: > 0 } requester && string.Equals(requester, caller.Name, StringComparison.Ordinal))
        {
            return null;
        }

        var loaded = catalog.Load();
        var requesters = loaded.Problems.Count == 0 && ClusterPlanRenderer.Render(loaded.Catalog, built).Plan is { } plan ? plan.Requesters : null;
        if (requesters is { Count: 0 } || requesters?.Intersect(caller.Roles, StringComparer.Ordinal).Any() == true)
        {
            return null;
        }

        var allowed = requesters is null ? "" : $" or a caller with a role of profile '{built.Profile}' ({string.Join(", ", requesters)})";
        return $"'{caller.Name}' may not {action} cluster '{built.ClusterName}': only its requester ({built.RequestedBy ?? "unknown"}){allowed} may";
    }
}
