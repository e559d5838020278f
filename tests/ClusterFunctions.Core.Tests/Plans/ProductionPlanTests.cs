using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Tests.Plans;

public class ProductionPlanTests
{
    private readonly ClusterPlan plan = ShippedPlans.Render("production");

    [Fact]
    public void Render_Production_IsInCentralIndiaWithGpuPoolFromZeroToTwentyFive()
    {
        Assert.Equal("centralindia", ShippedPlans.ArmBody(plan)["location"]!.GetValue<string>());
        var gpu = ShippedPlans.Pool(plan, "gpu");
        Assert.Equal(0, gpu["minCount"]!.GetValue<int>());
        Assert.Equal(25, gpu["maxCount"]!.GetValue<int>());
        Assert.True(gpu["enableAutoScaling"]!.GetValue<bool>());
        Assert.Equal("User", gpu["mode"]!.GetValue<string>());
        Assert.Equal("Install", gpu["gpuProfile"]!["driver"]!.GetValue<string>());
    }

    [Fact]
    public void Render_Production_IncludesTheFullAppStack()
    {
        Assert.Equal(["kafka", "logging", "model-serving", "monitoring", "redis"], ShippedPlans.AppBundles(plan));
    }

    [Fact]
    public void Render_Production_DeniesTrafficByDefaultInEveryAppNamespaceAndAllowsDns()
    {
        var namespaces = ShippedPlans.Objects(plan, "Namespace").Select(n => n["metadata"]!["name"]!.GetValue<string>()).ToList();
        var policies = ShippedPlans.Objects(plan, "NetworkPolicy");

        foreach (var ns in namespaces)
        {
            var deny = policies.Single(p => p["metadata"]!["namespace"]!.GetValue<string>() == ns && p["metadata"]!["name"]!.GetValue<string>() == "default-deny-all");
            Assert.Equal("{}", deny["spec"]!["podSelector"]!.ToJsonString());
            Assert.Equal("[\"Ingress\",\"Egress\"]", deny["spec"]!["policyTypes"]!.ToJsonString());
            Assert.Null(deny["spec"]!["ingress"]);
            Assert.Null(deny["spec"]!["egress"]);

            var dns = policies.Single(p => p["metadata"]!["namespace"]!.GetValue<string>() == ns && p["metadata"]!["name"]!.GetValue<string>() == "allow-dns");
            Assert.Contains("\"k8s-app\":\"kube-dns\"", dns.ToJsonString());
            Assert.Contains("\"port\":53,\"protocol\":\"UDP\"", dns.ToJsonString());
        }
    }

    [Fact]
    public void Render_Production_AllowsOnlyDeclaredFlowsOnBothEnds()
    {
        var policies = ShippedPlans.Objects(plan, "NetworkPolicy").Select(p => p["metadata"]!["name"]!.GetValue<string>()).ToHashSet();

        Assert.Contains("model-serving-egress-to-redis", policies);
        Assert.Contains("redis-ingress-from-model-serving", policies);
        Assert.Contains("monitoring-egress-to-model-serving", policies);
        Assert.DoesNotContain("redis-egress-to-kafka", policies);
        Assert.DoesNotContain("kafka-ingress-from-redis", policies);
    }

    [Fact]
    public void Render_Production_EnforcesRestrictedOrBaselinePodSecurityOnEveryAppNamespace()
    {
        var namespaces = ShippedPlans.Objects(plan, "Namespace");

        Assert.Equal(5, namespaces.Count);
        Assert.All(namespaces, ns => Assert.Contains(ns["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>(), new[] { "restricted", "baseline" }));
    }

    [Fact]
    public void Render_Production_LetsNobodyButThePlatformChangeRbac()
    {
        var roles = ShippedPlans.Objects(plan).Where(o => o["kind"]!.GetValue<string>() is "Role" or "ClusterRole");
        foreach (var role in roles)
        {
            foreach (var rule in role["rules"]!.AsArray())
            {
                var groups = rule!["apiGroups"]?.AsArray().Select(g => g!.GetValue<string>()) ?? [];
                var verbs = rule["verbs"]!.AsArray().Select(v => v!.GetValue<string>());
                Assert.False(
                    (groups.Contains("rbac.authorization.k8s.io") || groups.Contains("*")) && verbs.Intersect(["create", "update", "patch", "delete", "escalate", "bind", "*"]).Any(),
                    $"{role["metadata"]!["name"]} grants changes to RBAC");
            }
        }

        var policy = ShippedPlans.Objects(plan, "ValidatingAdmissionPolicy").Single();
        var resources = policy["spec"]!["matchConstraints"]!["resourceRules"]![0]!["resources"]!.ToJsonString();
        Assert.Equal("[\"roles\",\"rolebindings\",\"clusterroles\",\"clusterrolebindings\"]", resources);
        Assert.StartsWith("'clusterfunctions:platform' in request.userInfo.groups", policy["spec"]!["validations"]![0]!["expression"]!.GetValue<string>());
        var binding = ShippedPlans.Objects(plan, "ValidatingAdmissionPolicyBinding").Single();
        Assert.Equal("[\"Deny\"]", binding["spec"]!["validationActions"]!.ToJsonString());
    }

    [Fact]
    public void Render_Production_AppliesTheRbacLockLast()
    {
        var last = plan.Levels[^1];

        Assert.Equal(PlanStage.AccessPolicies, last.Stage);
        Assert.Contains(last.Bundles.SelectMany(b => b.Manifests), m => m.Kind == "ValidatingAdmissionPolicy");
        Assert.Equal([PlanStage.Namespaces, PlanStage.BaselinePolicies, PlanStage.Apps, PlanStage.Apps, PlanStage.AccessPolicies], plan.Levels.Select(l => l.Stage));
    }

    [Fact]
    public void Render_Production_ModelServerRequestsAGpuAndToleratesTheGpuTaint()
    {
        var deployment = ShippedPlans.Objects(plan, "Deployment").Single(d => d["metadata"]!["name"]!.GetValue<string>() == "model-serving");
        var pod = deployment["spec"]!["template"]!["spec"]!;

        Assert.Equal("1", pod["containers"]![0]!["resources"]!["limits"]!["nvidia.com/gpu"]!.ToJsonString());
        Assert.Contains("\"key\":\"nvidia.com/gpu\"", pod["tolerations"]!.ToJsonString());
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<long>());
    }

    [Fact]
    public void Render_Production_EveryContainerHasPinnedImageRequestsAndReadinessProbe()
    {
        var workloads = ShippedPlans.Objects(plan).Where(o => o["kind"]!.GetValue<string>() is "Deployment" or "StatefulSet").ToList();

        Assert.NotEmpty(workloads);
        foreach (var container in workloads.SelectMany(w => w["spec"]!["template"]!["spec"]!["containers"]!.AsArray()))
        {
            var image = container!["image"]!.GetValue<string>();
            Assert.Matches(@":[0-9v][^:]*$", image);
            Assert.NotNull(container["resources"]?["requests"]);
            Assert.NotNull(container["readinessProbe"]);
        }
    }

    [Fact]
    public void Render_Production_StampsEveryObjectWithItsInventoryLabels()
    {
        Assert.All(ShippedPlans.Objects(plan), o =>
        {
            Assert.Equal("clusterfunctions", o["metadata"]!["labels"]![InventoryLabels.ManagedBy]!.GetValue<string>());
            Assert.Equal("demo", o["metadata"]!["labels"]![InventoryLabels.Cluster]!.GetValue<string>());
            Assert.Equal(plan.ProfileVersion, o["metadata"]!["annotations"]![InventoryLabels.ProfileVersionAnnotation]!.GetValue<string>());
        });
        Assert.Equal("req-1", ShippedPlans.ArmBody(plan)["tags"]![AzureTags.RequestId]!.GetValue<string>());
    }

    [Fact]
    public void Render_Production_MayBeRequestedByThePlatformOnly()
    {
        Assert.Equal(["platform"], plan.Requesters);
        Assert.Equal(["approver"], plan.Approval!.Approvers);
        Assert.Null(ShippedPlans.Render("developer").Approval);
        Assert.Equal(["developer", "platform"], ShippedPlans.Render("developer").Requesters);
    }
}
