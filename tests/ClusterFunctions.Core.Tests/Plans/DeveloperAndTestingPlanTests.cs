using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Core.Tests.Plans;

public class DeveloperAndTestingPlanTests
{
    [Fact]
    public void Render_Developer_IsInSingaporeWithAGpuPoolAndTheDeveloperApps()
    {
        var plan = ShippedPlans.Render("developer");

        Assert.Equal("southeastasia", plan.Infrastructure.Aks!.Location);
        Assert.True(plan.Infrastructure.Aks.NodePools.Single(p => p.Name == "gpu").Gpu);
        Assert.Equal(["kafka", "model-serving", "redis"], ShippedPlans.AppBundles(plan));
        Assert.Equal(FailurePolicy.Keep, plan.OnFailure);
    }

    [Fact]
    public void Render_Developer_LetsTheDeveloperGroupEditModelServingAndExecIntoItsPodsOnly()
    {
        var plan = ShippedPlans.Render("developer");
        var role = ShippedPlans.Objects(plan, "Role").Single();
        var binding = ShippedPlans.Objects(plan, "RoleBinding").Single();
        var rules = role["rules"]!.ToJsonString();

        Assert.Equal("ai", role["metadata"]!["namespace"]!.GetValue<string>());
        Assert.Contains("{\"apiGroups\":[\"\"],\"resources\":[\"pods/exec\"],\"verbs\":[\"get\",\"create\"]}", rules);
        Assert.Contains("{\"apiGroups\":[\"apps\"],\"resourceNames\":[\"model-serving\"],\"resources\":[\"deployments\"],\"verbs\":[\"get\",\"update\",\"patch\"]}", rules);
        Assert.DoesNotContain("rbac.authorization.k8s.io", rules);
        Assert.DoesNotContain("secrets", rules);
        Assert.Equal("ai-developers", binding["subjects"]![0]!["name"]!.GetValue<string>());
        Assert.Empty(ShippedPlans.Objects(plan, "ClusterRoleBinding"));
    }

    [Fact]
    public void Render_Developer_ForbidsPrivilegedContainersThroughPodSecurity()
    {
        var plan = ShippedPlans.Render("developer");

        Assert.All(ShippedPlans.Objects(plan, "Namespace"), ns => Assert.Equal("restricted", ns["metadata"]!["labels"]!["pod-security.kubernetes.io/enforce"]!.GetValue<string>()));
    }

    [Fact]
    public void Render_Testing_IsInCentralIndiaWithLoggingAndLockedRbac()
    {
        var plan = ShippedPlans.Render("testing");

        Assert.Equal("centralindia", plan.Infrastructure.Aks!.Location);
        Assert.Equal(["kafka", "logging", "model-serving", "redis"], ShippedPlans.AppBundles(plan));
        Assert.Single(ShippedPlans.Objects(plan, "ValidatingAdmissionPolicy"));
        Assert.Empty(ShippedPlans.Objects(plan, "NetworkPolicy"));
    }

    [Fact]
    public void Render_ModelServing_WaitsForRedisAndKafka()
    {
        var plan = ShippedPlans.Render("developer");
        var levels = plan.Levels.Where(l => l.Stage == PlanStage.Apps).Select(l => l.Bundles.Select(b => b.Name).ToList()).ToList();

        Assert.Equal([["kafka", "redis"], ["model-serving"]], levels);
        Assert.Equal(["redis", "kafka"], plan.Levels.SelectMany(l => l.Bundles).Single(b => b.Name == "model-serving").DependsOn);
    }
}
