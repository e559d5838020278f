using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Cli;

/// <summary>The readable summary of a plan: pools, apps by level, policies, failure handling.</summary>
public static class PlanText
{
    public static string Write(ClusterPlan plan)
    {
        var text = new StringBuilder();
        text.AppendLine($"Plan for cluster {plan.ClusterName}: profile {plan.Profile} (version {plan.ProfileVersion}), request {plan.RequestId}");
        if (plan.Infrastructure.Aks is { } aks)
        {
            text.AppendLine($"Infrastructure: AKS in {aks.Location}, subscription {aks.SubscriptionId}, resource group {aks.ResourceGroup}, api-version {aks.ApiVersion}");
            foreach (var pool in aks.NodePools)
            {
                var gpu = pool.Gpu ? " GPU" : "";
                var taints = pool.Taints.Count > 0 ? $"  taints {string.Join(",", pool.Taints)}" : "";
                text.AppendLine($"  pool {pool.Name,-8} {pool.Mode,-6} {pool.VmSize,-26} {pool.MinCount}..{pool.MaxCount} nodes{gpu}{taints}");
            }
        }
        else if (plan.Infrastructure.Existing is { } existing)
        {
            text.AppendLine($"Infrastructure: existing cluster from kubeconfig {existing.KubeconfigPath} (context {existing.Context ?? "current"})");
        }

        text.AppendLine("Apply order:");
        foreach (var level in plan.Levels)
        {
            var bundles = string.Join("; ", level.Bundles.Select(Describe));
            text.AppendLine($"  {level.Order}. {level.Stage,-16} {bundles}");
        }

        text.AppendLine("Policies:");
        foreach (var line in Policies(plan))
        {
            text.AppendLine($"  {line}");
        }

        text.AppendLine($"On failure: {(plan.OnFailure == FailurePolicy.Keep ? "keep the partial cluster for diagnosis" : "tear the partial cluster down")}");
        return text.ToString();
    }

    private static string Describe(BundlePlan bundle)
    {
        var text = $"{bundle.Name} ({bundle.Manifests.Count} objects";
        if (bundle.DependsOn.Count > 0)
        {
            text += $", after {string.Join(", ", bundle.DependsOn)}";
        }

        if (bundle.Gate is { } gate)
        {
            text += $", ready when {string.Join(", ", gate.Workloads.Select(w => $"{w.Kind}/{w.Name}"))} within {gate.Timeout.TotalSeconds:0}s";
        }

        return text + ")";
    }

    private static IEnumerable<string> Policies(ClusterPlan plan)
    {
        var manifests = plan.Levels.SelectMany(l => l.Bundles).SelectMany(b => b.Manifests).ToList();
        foreach (var ns in manifests.Where(m => m.Kind == "Namespace"))
        {
            var enforce = JsonNode.Parse(ns.Json)?["metadata"]?["labels"]?["pod-security.kubernetes.io/enforce"]?.GetValue<string>();
            yield return $"namespace {ns.Name}: pod security {enforce ?? "not enforced"}";
        }

        var denies = manifests.Count(m => m.Kind == "NetworkPolicy" && m.Name == "default-deny-all");
        yield return denies > 0
            ? $"network: default deny in {denies} namespaces, {manifests.Count(m => m.Kind == "NetworkPolicy") - denies} allowances (DNS and app flows)"
            : "network: no default deny";
        foreach (var binding in manifests.Where(m => m.Kind is "RoleBinding" or "ClusterRoleBinding"))
        {
            yield return $"access: {binding.Kind} {binding.Namespace}/{binding.Name}".Replace(" /", " ", StringComparison.Ordinal);
        }

        yield return manifests.Any(m => m.Kind == "ValidatingAdmissionPolicy")
            ? "RBAC locked: only the platform identity may change roles or bindings"
            : "RBAC not locked";
    }
}
