using System.Text.RegularExpressions;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Core.Validation;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// The rules AKS (and sense) impose on a profile's infrastructure, checked after the request's
/// overrides are applied. A broken bound is reported against the request when the request set it.
/// </summary>
internal static partial class InfrastructureRules
{
    public static void Check(InfrastructureDefinition infra, string file, RequestOverrides? overrides, ICollection<CatalogProblem> problems)
    {
        void Problem(string path, string message) => problems.Add(new CatalogProblem(file, path, message));

        if (infra.Provider == InfrastructureProviders.Existing)
        {
            if (string.IsNullOrWhiteSpace(infra.KubeconfigPath))
            {
                Problem("infrastructure.kubeconfig.path", "is required for provider existing");
            }

            return;
        }

        var requestSet = overrides?.Region is not null;
        if (!AzureRegions.Known.Contains(infra.Region))
        {
            problems.Add(new CatalogProblem(requestSet ? "request" : file, requestSet ? "overrides.region" : "infrastructure.region", $"unknown region '{infra.Region}': {AzureRegions.Rule}"));
        }
        else if (!infra.AllowedRegions.Contains(infra.Region, StringComparer.Ordinal))
        {
            // A profile is meant for its regions (data residency, latency, quota): a request may not move it elsewhere.
            problems.Add(requestSet
                ? new CatalogProblem("request", "overrides.region", $"'{infra.Region}' is not a region this profile allows (allowed: {string.Join(", ", infra.AllowedRegions)})")
                : new CatalogProblem(file, "infrastructure.region", $"'{infra.Region}' is not in infrastructure.allowedRegions ({string.Join(", ", infra.AllowedRegions)})"));
        }

        for (var i = 0; i < infra.AllowedRegions.Count; i++)
        {
            if (!AzureRegions.Known.Contains(infra.AllowedRegions[i]))
            {
                Problem($"infrastructure.allowedRegions[{i}]", $"unknown region '{infra.AllowedRegions[i]}': {AzureRegions.Rule}");
            }
        }

        if (!Guid.TryParseExact(infra.SubscriptionId, "D", out _))
        {
            Problem("infrastructure.subscriptionId", "must be a subscription GUID (xxxxxxxx-xxxx-xxxx-xxxx-xxxxxxxxxxxx)");
        }

        if (!ResourceGroupName().IsMatch(infra.ResourceGroup) || infra.ResourceGroup.EndsWith('.'))
        {
            Problem("infrastructure.resourceGroup", "must be 1-90 letters, digits, '-', '_', '.', '(' or ')', not ending with '.'");
        }

        if (!KubernetesVersion().IsMatch(infra.KubernetesVersion))
        {
            Problem("infrastructure.kubernetesVersion", "must be a Kubernetes version such as 1.32 or 1.32.4");
        }

        if (infra.Tier is not ("Free" or "Standard" or "Premium"))
        {
            Problem("infrastructure.tier", "must be Free, Standard or Premium");
        }

        if (infra.NetworkPolicy is not ("cilium" or "calico" or "azure"))
        {
            Problem("infrastructure.networkPolicy", "must be cilium, calico or azure (a policy engine is needed to enforce NetworkPolicies)");
        }

        CheckPools(infra.NodePools, file, overrides, problems);
    }

    private static void CheckPools(IReadOnlyList<NodePoolDefinition> pools, string file, RequestOverrides? overrides, ICollection<CatalogProblem> problems)
    {
        if (pools.Count == 0 || !pools.Any(p => p.Mode == "System"))
        {
            problems.Add(new CatalogProblem(file, "infrastructure.nodePools", "must contain at least one pool with mode System"));
        }

        for (var i = 0; i < pools.Count; i++)
        {
            var pool = pools[i];
            var path = $"infrastructure.nodePools[{i}]";
            void Problem(string field, string message) => problems.Add(new CatalogProblem(file, $"{path}.{field}", message));

            // Bounds the request changed are reported against the request, so a caller sees its own mistake.
            var requested = overrides?.NodePools?.GetValueOrDefault(pool.Name);
            void BoundProblem(string field, string message) => problems.Add(requested is not null
                ? new CatalogProblem("request", $"overrides.nodePools.{pool.Name}.{field}", message)
                : new CatalogProblem(file, $"{path}.{field}", message));

            if (!NameRules.IsNodePoolName(pool.Name))
            {
                Problem("name", NameRules.NodePoolNameRule);
            }

            if (pools.Take(i).Any(p => p.Name == pool.Name))
            {
                Problem("name", $"duplicate pool name '{pool.Name}'");
            }

            if (pool.Mode is not ("System" or "User"))
            {
                Problem("mode", "must be System or User");
            }

            if (pool.MinCount < 0)
            {
                BoundProblem("minCount", "must be >= 0");
            }

            if (pool.Mode == "System" && pool.MinCount < 1)
            {
                BoundProblem("minCount", "must be >= 1 for a System pool (system pods need a node)");
            }

            if (pool.MaxCount < pool.MinCount)
            {
                BoundProblem("maxCount", $"must be >= minCount ({pool.MinCount})");
            }

            if (pool.MaxCount > RequestLimits.MaxPoolCount)
            {
                BoundProblem("maxCount", $"must be <= {RequestLimits.MaxPoolCount} (AKS limit per pool)");
            }

            CheckVmSize(pool, Problem);
        }
    }

    private static void CheckVmSize(NodePoolDefinition pool, Action<string, string> problem)
    {
        var isGpuSize = VmSizes.NvidiaGpu.Contains(pool.VmSize);
        if (pool.Gpu && !isGpuSize)
        {
            problem("vmSize", $"'{pool.VmSize}' is not an NVIDIA GPU size AKS supports (e.g. Standard_NC6s_v3, Standard_NC4as_T4_v3, Standard_NC24ads_A100_v4)");
        }
        else if (!pool.Gpu && isGpuSize)
        {
            problem("gpu", $"must be true: '{pool.VmSize}' is a GPU size");
        }
        else if (!pool.Gpu && !VmSizes.General.Contains(pool.VmSize))
        {
            problem("vmSize", $"unknown VM size '{pool.VmSize}' (e.g. Standard_D4ds_v5)");
        }

        if (pool.Gpu && pool.Mode == "System")
        {
            problem("mode", "a GPU pool must be a User pool (system pods should not occupy GPU nodes)");
        }
    }

    [GeneratedRegex(@"^[-\w\._\(\)]{1,90}$")]
    private static partial Regex ResourceGroupName();

    [GeneratedRegex(@"^1\.[0-9]{1,2}(\.[0-9]{1,3})?$")]
    private static partial Regex KubernetesVersion();
}
