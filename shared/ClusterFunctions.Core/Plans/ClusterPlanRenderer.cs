using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Policies;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Renders (catalog, request) into a <see cref="ClusterPlan"/>, deterministically: the same input gives
/// byte-identical output. Every problem found on the way is reported, not only the first.
/// </summary>
public static class ClusterPlanRenderer
{
    public static PlanResult Render(Catalog.Catalog catalog, ClusterRequest request)
    {
        var problems = new List<CatalogProblem>(ClusterRequestValidator.Validate(request, catalog));
        if (problems.Count > 0)
        {
            return new PlanResult(null, problems);
        }

        var merged = ProfileComposer.Compose(catalog, request.Profile, problems);
        if (merged is null)
        {
            return new PlanResult(null, problems);
        }

        var file = catalog.Profiles[request.Profile].File;
        var profile = ProfileParser.Read(new DocumentReader(file, problems), merged);
        var version = ProfileVersion.Compute(catalog, merged, profile);
        var infrastructure = RequestOverlay.Apply(profile.Infrastructure, request.Overrides, problems);
        var builtIns = new Dictionary<string, JsonNode?>(StringComparer.Ordinal)
        {
            ["cluster.name"] = request.ClusterName,
            ["profile.name"] = profile.Name,
            ["region"] = infrastructure.Region,
        };
        infrastructure = infrastructure with
        {
            ResourceGroup = ManifestTemplate.FillText(infrastructure.ResourceGroup, builtIns, "infrastructure.resourceGroup", (p, m) => problems.Add(new CatalogProblem(file, p, m))),
        };
        InfrastructureRules.Check(infrastructure, file, request.Overrides, problems);

        var apps = SelectionRules.Apps(profile, catalog, problems);
        var policies = SelectionRules.Policies(profile, catalog, apps, problems);
        var appLevels = SelectionRules.Levels(profile, catalog, apps, problems);

        var podSecurity = PodSecurity(policies, file, builtIns, problems);
        var namespaceLevels = apps.Select(a => a.Definition.Namespace).Distinct().Order(StringComparer.Ordinal)
            .ToDictionary(ns => ns, _ => podSecurity, StringComparer.Ordinal);
        var stamp = new ObjectStamp(request.ClusterName, request.RequestId, version);
        var renderer = new BundleRenderer(stamp, namespaceLevels, problems);

        var levels = new List<ManifestLevel>();
        void AddLevel(PlanStage stage, List<BundlePlan> bundles)
        {
            if (bundles.Count > 0)
            {
                levels.Add(new ManifestLevel(levels.Count, stage, bundles));
            }
        }

        var namespaces = namespaceLevels.Select(p => NamespaceRenderer.Render(p.Key, p.Value, infrastructure.KubernetesVersion)).ToList();
        AddLevel(PlanStage.Namespaces, [Generated("namespaces", namespaces, stamp), .. PolicyBundles(PlanStage.Namespaces, policies, apps, renderer, stamp, file, builtIns, problems)]);
        AddLevel(PlanStage.BaselinePolicies, PolicyBundles(PlanStage.BaselinePolicies, policies, apps, renderer, stamp, file, builtIns, problems));
        foreach (var level in appLevels)
        {
            AddLevel(PlanStage.Apps, [.. level.Select(name => AppBundle(apps.Single(a => a.Definition.Name == name), apps, renderer, file, builtIns, problems))]);
        }

        // Admission policies lock RBAC, so they go after every other access policy.
        var access = PolicyBundles(PlanStage.AccessPolicies, policies, apps, renderer, stamp, file, builtIns, problems);
        AddLevel(PlanStage.AccessPolicies, [.. access.Where(b => !b.Manifests.Any(m => KubernetesKinds.IsAdmissionPolicy(m.Kind)))]);
        AddLevel(PlanStage.AccessPolicies, [.. access.Where(b => b.Manifests.Any(m => KubernetesKinds.IsAdmissionPolicy(m.Kind)))]);

        var ttl = Lifetime(profile, request, problems);
        PlanChecks.Duplicates(levels, catalog, problems);
        PlanChecks.GpuCapacity(levels, infrastructure, file, problems);
        if (problems.Count > 0)
        {
            return new PlanResult(null, problems.Distinct().ToList());
        }

        var plan = new ClusterPlan(request.RequestId, request.ClusterName, profile.Name, version, Infrastructure(infrastructure, request, profile.Name, version), levels, profile.OnFailure, profile.Requesters, profile.Approval, ttl, profile.Reconcile);
        return new PlanResult(plan, []);
    }

    /// <summary>
    /// The request's ttl when it sets one, else the profile's. A profile's ttl is also the longest a request may ask
    /// for: a developer cannot order a developer cluster that outlives the profile's rule (extending it later is a
    /// separate, authorised act).
    /// </summary>
    private static TimeSpan? Lifetime(ProfileDefinition profile, ClusterRequest request, List<CatalogProblem> problems)
    {
        if (Ttl.Parse(request.Ttl) is not { } asked)
        {
            return profile.Ttl;
        }

        if (profile.Ttl is { } most && asked > most)
        {
            problems.Add(new CatalogProblem("request", "ttl", $"must be at most {Ttl.Format(most)}, the ttl of profile '{profile.Name}', got '{request.Ttl}'"));
        }

        return asked;
    }

    private static InfrastructurePlan Infrastructure(InfrastructureDefinition infra, ClusterRequest request, string profile, string version)
    {
        if (infra.Provider == InfrastructureProviders.Existing)
        {
            return new InfrastructurePlan(infra.Provider, null, new ExistingClusterPlan(infra.KubeconfigPath!, infra.KubeconfigContext));
        }

        var tags = new Dictionary<string, string>(StringComparer.Ordinal)
        {
            [AzureTags.RequestId] = request.RequestId,
            [AzureTags.Profile] = profile,
            [AzureTags.ProfileVersion] = version,
        };
        foreach (var (key, value) in request.Labels ?? new Dictionary<string, string>())
        {
            tags.TryAdd(key, value);
        }

        var body = ArmBodyRenderer.Render(infra, request.ClusterName, tags);
        var resourceId = $"/subscriptions/{infra.SubscriptionId}/resourceGroups/{infra.ResourceGroup}/providers/Microsoft.ContainerService/managedClusters/{request.ClusterName}";
        var aks = new AksClusterPlan(infra.SubscriptionId, infra.ResourceGroup, infra.Region, request.ClusterName, ArmBodyRenderer.ApiVersion, resourceId, CanonicalJson.Serialize(body), [.. infra.NodePools.Select(ArmBodyRenderer.Summarise)]);
        return new InfrastructurePlan(infra.Provider, aks, null);
    }

    private static PodSecurityLevel? PodSecurity(List<SelectedPolicy> policies, string file, IReadOnlyDictionary<string, JsonNode?> builtIns, List<CatalogProblem> problems)
    {
        var policy = policies.FirstOrDefault(p => p.Definition.Generator == "podSecurity");
        if (policy is null)
        {
            return null;
        }

        var values = ParameterBinder.Bind(policy.Definition.Name, policy.Definition.Parameters, policy.Selection, file, policy.Path, builtIns, problems);
        return values.GetValueOrDefault("level") is JsonValue v && v.GetValueKind() == JsonValueKind.String && Enum.TryParse<PodSecurityLevel>(v.GetValue<string>(), ignoreCase: true, out var level)
            ? level
            : PodSecurityLevel.Restricted;
    }

    private static BundlePlan AppBundle(SelectedApp app, List<SelectedApp> apps, BundleRenderer renderer, string file, IReadOnlyDictionary<string, JsonNode?> builtIns, List<CatalogProblem> problems)
    {
        var definition = app.Definition;
        var values = ParameterBinder.Bind(definition.Name, definition.Parameters, app.Selection, file, app.Path, builtIns, problems);
        var manifests = renderer.Render(definition.Name, definition.File, definition.Manifests, definition.Namespace, values);
        var dependsOn = definition.DependsOn.Where(d => apps.Any(a => a.Definition.Name == d)).ToList();
        return new BundlePlan(definition.Name, dependsOn, PlanChecks.Gate(definition, manifests, problems), manifests);
    }

    private static List<BundlePlan> PolicyBundles(PlanStage stage, List<SelectedPolicy> policies, List<SelectedApp> apps, BundleRenderer renderer, ObjectStamp stamp, string file, IReadOnlyDictionary<string, JsonNode?> builtIns, List<CatalogProblem> problems)
    {
        var bundles = new List<BundlePlan>();
        foreach (var policy in policies.Where(p => p.Definition.Stage == stage && p.Definition.Generator != "podSecurity"))
        {
            var definition = policy.Definition;
            var values = ParameterBinder.Bind(definition.Name, definition.Parameters, policy.Selection, file, policy.Path, builtIns, problems);
            if (definition.Generator == "networkBaseline")
            {
                var allowSame = values.GetValueOrDefault("allowSameNamespace") is not JsonValue v || v.GetValueKind() != JsonValueKind.False;
                var objects = NetworkPolicyRenderer.Render([.. apps.Select(a => a.Definition)], allowSame);
                bundles.Add(Generated(definition.Name, objects, stamp));
            }
            else
            {
                bundles.Add(new BundlePlan(definition.Name, [], null, renderer.Render(definition.Name, definition.File, definition.Manifests, null, values)));
            }
        }

        return bundles;
    }

    private static BundlePlan Generated(string name, IEnumerable<JsonObject> objects, ObjectStamp stamp)
    {
        var manifests = objects.Select(o =>
        {
            stamp.Apply(o, name);
            var metadata = o["metadata"]!;
            return new KubernetesManifest(o["apiVersion"]!.GetValue<string>(), o["kind"]!.GetValue<string>(), metadata["namespace"]?.GetValue<string>(), metadata["name"]!.GetValue<string>(), CanonicalJson.Serialize(o));
        }).ToList();
        return new BundlePlan(name, [], null, manifests);
    }
}
