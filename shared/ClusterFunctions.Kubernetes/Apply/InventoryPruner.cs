using System.Text.Json;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using k8s;
using k8s.Autorest;

namespace ClusterFunctions.Kubernetes.Apply;

/// <summary>
/// Deletes objects that carry this cluster's inventory labels but are no longer in the plan. Only
/// labelled objects are candidates, so objects a person created by hand are never touched.
/// </summary>
internal static class InventoryPruner
{
    public static async Task<PruneResult> PruneAsync(IKubernetes client, ClusterPlan plan, CancellationToken cancellationToken)
    {
        var desired = plan.Levels.SelectMany(l => l.Bundles).SelectMany(b => b.Manifests)
            .Select(m => new KubernetesObjectRef(m.ApiVersion, m.Kind, m.Namespace, m.Name))
            .ToHashSet();
        var selector = $"{InventoryLabels.ManagedBy}={InventoryLabels.ManagedByValue},{InventoryLabels.Cluster}={plan.ClusterName}";
        var deleted = new List<KubernetesObjectRef>();
        foreach (var kind in ResourceKinds.All)
        {
            foreach (var found in await ListAsync(client, kind, selector, cancellationToken))
            {
                if (desired.Contains(found))
                {
                    continue;
                }

                await DeleteAsync(client, kind, found, cancellationToken);
                deleted.Add(found);
            }
        }

        return new PruneResult(deleted);
    }

    private static async Task<List<KubernetesObjectRef>> ListAsync(IKubernetes client, ResourceKind kind, string selector, CancellationToken cancellationToken)
    {
        JsonElement list;
        try
        {
            list = await client.CustomObjects.ListClusterCustomObjectAsync<JsonElement>(
                kind.Group, kind.Version, kind.Plural, labelSelector: selector, cancellationToken: cancellationToken);
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrors.Wrap(e, $"listing managed {kind.Plural}", null);
        }

        var found = new List<KubernetesObjectRef>();
        foreach (var item in list.GetProperty("items").EnumerateArray())
        {
            var metadata = item.GetProperty("metadata");
            var ns = kind.Namespaced && metadata.TryGetProperty("namespace", out var n) ? n.GetString() : null;
            found.Add(new KubernetesObjectRef(kind.ApiVersion, kind.Kind, ns, metadata.GetProperty("name").GetString()!));
        }

        return found;
    }

    private static async Task DeleteAsync(IKubernetes client, ResourceKind kind, KubernetesObjectRef target, CancellationToken cancellationToken)
    {
        try
        {
            if (kind.Namespaced)
            {
                await client.CustomObjects.DeleteNamespacedCustomObjectAsync(kind.Group, kind.Version, target.Namespace!, kind.Plural, target.Name, cancellationToken: cancellationToken);
            }
            else
            {
                await client.CustomObjects.DeleteClusterCustomObjectAsync(kind.Group, kind.Version, kind.Plural, target.Name, cancellationToken: cancellationToken);
            }
        }
        catch (HttpOperationException e) when (KubernetesErrors.IsNotFound(e))
        {
            // Already gone (a namespace deletion took it, or a retry of this prune): the goal is met.
        }
        catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
        {
            throw KubernetesErrors.Wrap(e, "pruning", target);
        }
    }
}
