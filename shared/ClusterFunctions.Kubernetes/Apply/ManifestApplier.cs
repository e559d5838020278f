using System.Text.Json;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using k8s;
using k8s.Autorest;
using k8s.Models;

namespace ClusterFunctions.Kubernetes.Apply;

/// <summary>
/// Applies plan manifests with server-side apply under the product's field manager (force, so the
/// plan wins over hand edits of the fields it sets), level by level, and prunes what the plan dropped.
/// </summary>
public sealed class ManifestApplier : IManifestApplier
{
    /// <summary>The field manager every write of the product uses.</summary>
    public const string FieldManager = "clusterfunctions";

    /// <inheritdoc />
    public async Task<BundleApplyResult> ApplyBundleAsync(ClusterConnection connection, string clusterName, BundlePlan bundle, CancellationToken cancellationToken = default)
    {
        using var client = KubernetesClients.Create(connection);
        return await ApplyBundleAsync(client, clusterName, bundle, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PruneResult> PruneAsync(ClusterConnection connection, ClusterPlan plan, CancellationToken cancellationToken = default)
    {
        using var client = KubernetesClients.Create(connection);
        return await InventoryPruner.PruneAsync(client, plan, cancellationToken);
    }

    /// <inheritdoc />
    public async Task<PlanApplyResult> ApplyPlanAsync(ClusterConnection connection, ClusterPlan plan, CancellationToken cancellationToken = default)
    {
        using var client = KubernetesClients.Create(connection);
        var bundles = new List<BundleApplyResult>();
        foreach (var level in plan.Levels.OrderBy(l => l.Order))
        {
            bundles.AddRange(await Task.WhenAll(level.Bundles.Select(b => ApplyBundleAsync(client, plan.ClusterName, b, cancellationToken))));
        }

        return new PlanApplyResult(bundles, await InventoryPruner.PruneAsync(client, plan, cancellationToken));
    }

    internal static async Task<BundleApplyResult> ApplyBundleAsync(IKubernetes client, string clusterName, BundlePlan bundle, CancellationToken cancellationToken)
    {
        // Objects of one bundle go in manifest order: the renderer puts what others refer to first.
        var results = new List<AppliedObject>();
        foreach (var manifest in bundle.Manifests)
        {
            results.Add(await ApplyObjectAsync(client, clusterName, bundle.Name, manifest, cancellationToken));
        }

        return new BundleApplyResult(bundle.Name, results);
    }

    private static async Task<AppliedObject> ApplyObjectAsync(IKubernetes client, string clusterName, string bundle, KubernetesManifest manifest, CancellationToken cancellationToken)
    {
        var kind = ResourceKinds.Find(manifest.ApiVersion, manifest.Kind);
        var body = ManifestChecks.Parse(manifest, kind, clusterName, bundle);
        var target = new KubernetesObjectRef(manifest.ApiVersion, manifest.Kind, manifest.Namespace, manifest.Name);
        try
        {
            var before = await ResourceVersionAsync(client, kind, manifest.Namespace, manifest.Name, cancellationToken);
            var patch = new V1Patch(body, V1Patch.PatchType.ApplyPatch);
            var applied = kind.Namespaced
                ? await client.CustomObjects.PatchNamespacedCustomObjectAsync<JsonElement>(
                    patch, kind.Group, kind.Version, manifest.Namespace!, kind.Plural, manifest.Name,
                    fieldManager: FieldManager, force: true, cancellationToken: cancellationToken)
                : await client.CustomObjects.PatchClusterCustomObjectAsync<JsonElement>(
                    patch, kind.Group, kind.Version, kind.Plural, manifest.Name,
                    fieldManager: FieldManager, force: true, cancellationToken: cancellationToken);
            var after = ResourceVersion(applied) ?? "";
            var outcome = before is null ? ApplyOutcome.Created : before == after ? ApplyOutcome.Unchanged : ApplyOutcome.Configured;
            return new AppliedObject(target, outcome, after);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrors.Wrap(e, "server-side apply of", target);
        }
    }

    private static async Task<string?> ResourceVersionAsync(IKubernetes client, ResourceKind kind, string? ns, string name, CancellationToken cancellationToken)
    {
        try
        {
            var live = kind.Namespaced
                ? await client.CustomObjects.GetNamespacedCustomObjectAsync<JsonElement>(kind.Group, kind.Version, ns!, kind.Plural, name, cancellationToken)
                : await client.CustomObjects.GetClusterCustomObjectAsync<JsonElement>(kind.Group, kind.Version, kind.Plural, name, cancellationToken);
            return ResourceVersion(live);
        }
        catch (HttpOperationException e) when (KubernetesErrors.IsNotFound(e))
        {
            return null;
        }
    }

    internal static string? ResourceVersion(JsonElement obj) =>
        obj.TryGetProperty("metadata", out var metadata) && metadata.TryGetProperty("resourceVersion", out var rv) ? rv.GetString() : null;
}
