using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Admission;

public sealed class ValidatingAdmissionPolicyTests
{
    private const string LockedRbac = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: { name: locked-rbac }
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
              - apiGroups: [rbac.authorization.k8s.io]
                apiVersions: ["*"]
                operations: [CREATE, UPDATE, DELETE]
                resources: [roles, rolebindings, clusterroles, clusterrolebindings]
          validations:
            - expression: >-
                'clusterfunctions:platform' in request.userInfo.groups ||
                request.userInfo.username.startsWith('system:kube-')
              message: only the platform identity may change RBAC
              reason: Forbidden
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: { name: locked-rbac-binding }
        spec:
          policyName: locked-rbac
          validationActions: [Deny]
        """;

    private const string Role = """
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata: { name: sneaky, namespace: default }
        rules:
          - apiGroups: [""]
            resources: [secrets]
            verbs: [get]
        """;

    private static async Task<Kubectl> LockAsync(RunningKubernetesEmulator emulator)
    {
        var kubectl = new Kubectl(emulator);
        var result = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("policy.yaml", LockedRbac));
        Assert.True(result.ExitCode == 0, result.ToString());
        return kubectl;
    }

    [Fact]
    public async Task KubectlApply_RoleByClusterAdminWhenLocked_IsRefusedWithPolicyMessage()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await LockAsync(emulator);

        var result = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("role.yaml", Role),
            "--as=alice", "--as-group=system:masters");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains(
            "roles.rbac.authorization.k8s.io \"sneaky\" is forbidden: ValidatingAdmissionPolicy 'locked-rbac' with binding 'locked-rbac-binding' denied request: only the platform identity may change RBAC",
            result.Stderr);
    }

    [Fact]
    public async Task KubectlCreateRoleBinding_ByClusterAdminWhenLocked_IsRefusedByThePolicy()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await LockAsync(emulator);

        var result = await kubectl.RunAsync("create", "rolebinding", "me-admin", "--clusterrole=admin", "--user=alice", "-n", "default",
            "--as=alice", "--as-group=system:masters");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("ValidatingAdmissionPolicy 'locked-rbac' with binding 'locked-rbac-binding' denied request", result.Stderr);
    }

    [Fact]
    public async Task KubectlCreateRole_ByPlatformGroup_StoresRulesFromTheProtobufBody()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await LockAsync(emulator);

        var result = await kubectl.RunAsync("create", "role", "reader", "--verb=get,list", "--resource=pods", "-n", "default",
            "--as=platform", "--as-group=clusterfunctions:platform", "--as-group=system:masters");

        Assert.True(result.ExitCode == 0, result.ToString());
        var verbs = await kubectl.RunAsync("get", "role", "reader", "-n", "default", "-o", "jsonpath={.rules[0].verbs}");
        Assert.Equal("[\"get\",\"list\"]", verbs.Stdout);
    }

    [Fact]
    public async Task KubectlApply_RoleByPlatformGroup_IsAllowed()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await LockAsync(emulator);

        var result = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("role.yaml", Role),
            "--as=platform", "--as-group=clusterfunctions:platform", "--as-group=system:masters");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task KubectlApply_UnchangedRoleByClusterAdminWhenLocked_IsStillRefused()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var role = kubectl.WriteFile("role.yaml", Role);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", role)).ExitCode);
        await LockAsync(emulator);

        var result = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", role, "--as=alice", "--as-group=system:masters");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("denied request: only the platform identity may change RBAC", result.Stderr);
    }

    [Fact]
    public async Task KubectlDelete_BootstrapClusterRoleWhenLocked_IsRefused()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await LockAsync(emulator);

        var result = await kubectl.RunAsync("delete", "clusterrole", "edit", "--as=alice", "--as-group=system:masters");
        var stillThere = await kubectl.RunAsync("get", "clusterrole", "edit", "-o", "name");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("denied request: only the platform identity may change RBAC", result.Stderr);
        Assert.Equal("clusterrole.rbac.authorization.k8s.io/edit", stillThere.Stdout.Trim());
    }

    [Fact]
    public async Task KubectlApply_ConfigMapWhenLocked_IsNotMatchedByThePolicy()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await LockAsync(emulator);
        var configMap = "apiVersion: v1\nkind: ConfigMap\nmetadata: { name: c, namespace: default }\ndata: { a: b }\n";

        var result = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("cm.yaml", configMap), "--as=alice", "--as-group=system:masters");

        Assert.True(result.ExitCode == 0, result.ToString());
    }

    [Fact]
    public async Task Apply_ExpressionErrorsWithFailurePolicyFail_IsRefusedNamingTheError()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var policy = LockedRbac
            .Replace("'clusterfunctions:platform' in request.userInfo.groups ||", "object.metadata.labels['team'] == 'platform' ||")

            .Replace("reason: Forbidden", "reason: Invalid");
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("p.yaml", policy))).ExitCode);

        var result = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("role.yaml", Role));

        Assert.NotEqual(0, result.ExitCode);
        Assert.True(result.Stderr.Contains("resulted in error: no such key: labels", StringComparison.Ordinal), result.ToString());
    }
}
