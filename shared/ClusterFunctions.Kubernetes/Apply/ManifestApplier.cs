using System.Text.Json;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using k8s;
using k8s.Autorest;
using k8s.Models;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Kubernetes.Apply;

/// <summary>
/// Applies plan manifests with server-side apply under the product's field manager (force, so the
/// plan wins over hand edits of the fields it sets), level by level, and prunes what the plan dropped.
/// </summary>
public sealed class ManifestApplier(ILogger<ManifestApplier>? logger = null) : IManifestApplier, IDriftChecker
{
    /// <summary>The field manager every write of the product uses.</summary>
    public const string FieldManager = "clusterfunctions";

    private readonly ILogger _logger = logger ?? NullLogger<ManifestApplier>.Instance;

    /// <inheritdoc />
    public async Task<BundleApplyResult> ApplyBundleAsync(ClusterConnection connection, string clusterName, BundlePlan bundle, CancellationToken cancellationToken = default)
    {
        using var lease = KubernetesClients.Shared.Rent(connection);
        return Logged(clusterName, await ApplyBundleAsync(lease.Client, clusterName, bundle, dryRun: false, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<BundleApplyResult> CheckBundleAsync(ClusterConnection connection, string clusterName, BundlePlan bundle, CancellationToken cancellationToken = default)
    {
        using var lease = KubernetesClients.Shared.Rent(connection);
        return await ApplyBundleAsync(lease.Client, clusterName, bundle, dryRun: true, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PruneResult> PruneAsync(ClusterConnection connection, ClusterPlan plan, CancellationToken cancellationToken = default)
    {
        using var lease = KubernetesClients.Shared.Rent(connection);
        return Logged(plan.ClusterName, await InventoryPruner.PruneAsync(lease.Client, plan, cancellationToken));
    }

    /// <inheritdoc />
    public async Task<PlanApplyResult> ApplyPlanAsync(ClusterConnection connection, ClusterPlan plan, CancellationToken cancellationToken = default)
    {
        using var lease = KubernetesClients.Shared.Rent(connection);
        var client = lease.Client;
        var bundles = new List<BundleApplyResult>();
        foreach (var level in plan.Levels.OrderBy(l => l.Order))
        {
            var applied = await Task.WhenAll(level.Bundles.Select(b => ApplyBundleAsync(client, plan.ClusterName, b, dryRun: false, cancellationToken)));
            bundles.AddRange(applied.Select(b => Logged(plan.ClusterName, b)));
        }

        return new PlanApplyResult(bundles, Logged(plan.ClusterName, await InventoryPruner.PruneAsync(client, plan, cancellationToken)));
    }

    private BundleApplyResult Logged(string clusterName, BundleApplyResult result)
    {
        _logger.LogInformation(
            "Applied bundle {Bundle} to {ClusterName}: {Created} created, {Configured} configured, {Unchanged} unchanged",
            result.Bundle,
            clusterName,
            result.Objects.Count(o => o.Outcome == ApplyOutcome.Created),
            result.Objects.Count(o => o.Outcome == ApplyOutcome.Configured),
            result.Objects.Count(o => o.Outcome == ApplyOutcome.Unchanged));
        return result;
    }

    private PruneResult Logged(string clusterName, PruneResult result)
    {
        foreach (var deleted in result.Deleted)
        {
            _logger.LogInformation("Pruned {Object} from {ClusterName}: no longer in the plan", deleted.ToString(), clusterName);
        }

        return result;
    }

    internal static async Task<BundleApplyResult> ApplyBundleAsync(IKubernetes client, string clusterName, BundlePlan bundle, bool dryRun, CancellationToken cancellationToken)
    {
        // Objects of one bundle go in manifest order: the renderer puts what others refer to first. Objects of one kind
        // in a row refer to none of each other (a bundle's namespaces, an app's two services), so each such run goes at
        // once, as does a dry run, which changes nothing for a later object to depend on. Each object is a read and an
        // apply; one after the other they were most of the namespaces step and of verification.
        var results = new List<AppliedObject>();
        IEnumerable<IReadOnlyList<KubernetesManifest>> runs = dryRun ? [bundle.Manifests] : RunsOfOneKind(bundle.Manifests);
        foreach (var run in runs)
        {
            results.AddRange(await Task.WhenAll(run.Select(manifest => ApplyObjectAsync(client, clusterName, bundle.Name, manifest, dryRun, cancellationToken))));
        }

        return new BundleApplyResult(bundle.Name, results);
    }

    private static List<List<KubernetesManifest>> RunsOfOneKind(IReadOnlyList<KubernetesManifest> manifests)
    {
        var runs = new List<List<KubernetesManifest>>();
        foreach (var manifest in manifests)
        {
            if (runs.Count > 0 && runs[^1][0].ApiVersion == manifest.ApiVersion && runs[^1][0].Kind == manifest.Kind)
            {
                runs[^1].Add(manifest);
            }
            else
            {
                runs.Add([manifest]);
            }
        }

        return runs;
    }

    private static async Task<AppliedObject> ApplyObjectAsync(IKubernetes client, string clusterName, string bundle, KubernetesManifest manifest, bool dryRun, CancellationToken cancellationToken)
    {
        var kind = ResourceKinds.Find(manifest.ApiVersion, manifest.Kind);
        var body = ManifestChecks.Parse(manifest, kind, clusterName, bundle);
        var target = new KubernetesObjectRef(manifest.ApiVersion, manifest.Kind, manifest.Namespace, manifest.Name);
        try
        {
            var before = await ReadAsync(client, kind, manifest.Namespace, manifest.Name, cancellationToken);
            var patch = new V1Patch(body, V1Patch.PatchType.ApplyPatch);
            var applied = kind.Namespaced
                ? await client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonElement>(
                    patch, kind.Group, kind.Version, manifest.Namespace!, kind.Plural, manifest.Name,
                    dryRun: dryRun ? "All" : null, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken)
                : await client.CustomObjects.PatchClusterCustomObjectAsync<JsonElement>(
                    patch, kind.Group, kind.Version, kind.Plural, manifest.Name,
                    dryRun: dryRun ? "All" : null, fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
            var after = ResourceVersion(applied) ?? "";

            // Compared without status and bookkeeping: a controller's status write between the read and
            // the apply moves the resourceVersion but is not a change this apply made.
            var outcome = before is null ? ApplyOutcome.Created
                : ObjectFingerprint.Of(before.Value) == ObjectFingerprint.Of(applied) ? ApplyOutcome.Unchanged
                : ApplyOutcome.Configured;
            return new AppliedObject(target, outcome, after);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrors.Wrap(e, "server-side apply of", target);
        }
    }

    private static async Task<JsonElement?> ReadAsync(IKubernetes client, ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            return kind.Namespaced
                ? await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(kind.Group, kind.Version, ns!, kind.Plural, name, cancellationToken)
                : await client.CustomObjects.GetClusterCustomObjectAsync<JsonElement>(kind.Group, kind.Version, kind.Plural, name, cancellationToken);
        }
        catch (HttpOperationException e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }
    }

    internal static string? ResourceVersion(JsonElement obj) =>
        obj.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
}
