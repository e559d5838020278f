using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Auth;

public sealed class RbacTests
{
    private const string DeveloperAccess = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: ai
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: Role
        metadata:
          name: dev
          namespace: ai
        rules:
        - apiGroups: [""]
          resources: [pods/exec]
          verbs: [create]
        - apiGroups: [apps]
          resources: [deployments]
          resourceNames: [model-serving]
          verbs: [get, patch]
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: RoleBinding
        metadata:
          name: dev
          namespace: ai
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: Role, name: dev}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: Group, name: developers}
        ---
        apiVersion: rbac.authorization.k8s.io/v1
        kind: ClusterRoleBinding
        metadata:
          name: viewers
        roleRef: {apiGroup: rbac.authorization.k8s.io, kind: ClusterRole, name: view}
        subjects:
        - {apiGroup: rbac.authorization.k8s.io, kind: User, name: auditor}
        """;

    private static async Task<Kubectl> SetUpAsync(RunningKubernetesEmulator emulator)
    {
        var kubectl = new Kubectl(emulator);
        var apply = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", kubectl.WriteFile("rbac.yaml", DeveloperAccess));
        Assert.True(apply.ExitCode == 0, apply.ToString());
        return kubectl;
    }

    [Theory]
    [InlineData("create", "pods", "ai", "yes", "exec")]
    [InlineData("patch", "deployment/model-serving", "ai", "yes", null)]
    [InlineData("patch", "deployment/other", "ai", "no", null)]
    [InlineData("create", "pods", "default", "no", "exec")]
    [InlineData("create", "roles", "ai", "no", null)]
    [InlineData("create", "rolebindings", "ai", "no", null)]
    public async Task KubectlAuthCanI_DeveloperGroup_AnswersFromStoredRoles(string verb, string resource, string ns, string expected, string? subresource)
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await SetUpAsync(emulator);
        string[] args = ["auth", "can-i", verb, resource, "-n", ns, "--as=dana", "--as-group=developers"];

        var result = await kubectl.RunAsync(subresource is null ? args : [.. args, $"--subresource={subresource}"]);

        Assert.True(result.Stdout.Trim() == expected, result.ToString());
        Assert.Equal(expected == "yes" ? 0 : 1, result.ExitCode);
    }

    [Fact]
    public async Task KubectlAuthCanI_ClusterRoleBindingToBootstrapView_AllowsListButNotDelete()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await SetUpAsync(emulator);

        var list = await kubectl.RunAsync("auth", "can-i", "list", "deployments", "-n", "ai", "--as=auditor");
        var delete = await kubectl.RunAsync("auth", "can-i", "delete", "deployments", "-n", "ai", "--as=auditor");

        Assert.Equal("yes", list.Stdout.Trim());
        Assert.Equal("no", delete.Stdout.Trim());
    }

    [Fact]
    public async Task KubectlAuthCanIList_DeveloperGroup_ListsTheBoundRules()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await SetUpAsync(emulator);

        var result = await kubectl.RunAsync("auth", "can-i", "--list", "-n", "ai", "--as=dana", "--as-group=developers");

        Assert.True(result.ExitCode == 0, result.ToString());
        Assert.Matches(@"pods/exec\s+\[\]\s+\[\]\s+\[create\]", result.Stdout);
        Assert.Matches(@"deployments\.apps\s+\[\]\s+\[model-serving\]\s+\[get patch\]", result.Stdout);
        Assert.DoesNotContain("secrets", result.Stdout);
    }

    [Fact]
    public async Task KubectlGet_ImpersonatedUserWithoutRights_IsForbiddenInKubeApiserverWords()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = await SetUpAsync(emulator);

        var result = await kubectl.RunAsync("get", "secrets", "-n", "ai", "--as=dana", "--as-group=developers");

        Assert.NotEqual(0, result.ExitCode);
        Assert.Contains("User \"dana\" cannot list resource \"secrets\" in API group \"\" in the namespace \"ai\"", result.Stderr);
    }

    [Fact]
    public async Task SubjectAccessReview_ServiceAccountBoundByRoleBinding_IsAllowedWithReason()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.ApplyAsync("/api/v1/namespaces/ai", ApiClient.Namespace("ai"));
        await api.ApplyAsync("/apis/rbac.authorization.k8s.io/v1/namespaces/ai/rolebindings/sa-edit", (JsonObject)JsonNode.Parse("""
            {"apiVersion":"rbac.authorization.k8s.io/v1","kind":"RoleBinding","metadata":{"name":"sa-edit","namespace":"ai"},
             "roleRef":{"apiGroup":"rbac.authorization.k8s.io","kind":"ClusterRole","name":"edit"},
             "subjects":[{"kind":"ServiceAccount","name":"runner","namespace":"ai"}]}
            """)!);
        var review = JsonNode.Parse("""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SubjectAccessReview",
             "spec":{"user":"system:serviceaccount:ai:runner","resourceAttributes":{"namespace":"ai","verb":"create","group":"apps","resource":"deployments"}}}
            """)!;

        var (code, body) = await api.SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/subjectaccessreviews", review);

        Assert.Equal(HttpStatusCode.Created, code);
        Assert.True(body["status"]!["allowed"]!.GetValue<bool>());
        Assert.Equal("RBAC: allowed by RoleBinding \"sa-edit/ai\" of ClusterRole \"edit\" to ServiceAccount \"runner\"", body["status"]!["reason"]!.GetValue<string>());
    }

    [Fact]
    public async Task Request_UnknownBearerToken_Returns401()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);

        var (code, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces", headers: ("Authorization", "Bearer nope"));

        Assert.Equal(HttpStatusCode.Unauthorized, code);
    }

    [Fact]
    public async Task Request_MappedBearerToken_RunsAsItsIdentity()
    {
        // kubectl does not send bearer tokens over plain http, so this drives the API directly.
        var options = new KubernetesEmulatorOptions
        {
            BearerTokens = new Dictionary<string, EmulatorIdentity> { ["dev-token"] = new("dana", ["developers", "system:authenticated"]) },
        };
        await using var emulator = await KubernetesEmulator.StartAsync(options);
        using var api = new ApiClient(emulator);
        var review = JsonNode.Parse("""
            {"apiVersion":"authorization.k8s.io/v1","kind":"SelfSubjectAccessReview",
             "spec":{"resourceAttributes":{"verb":"list","resource":"namespaces"}}}
            """)!;

        var (_, asDana) = await api.SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review, headers: ("Authorization", "Bearer dev-token"));
        var (_, asAdmin) = await api.SendAsync(HttpMethod.Post, "/apis/authorization.k8s.io/v1/selfsubjectaccessreviews", review);
        var (listCode, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces", headers: ("Authorization", "Bearer dev-token"));

        Assert.False(asDana["status"]!["allowed"]!.GetValue<bool>());
        Assert.True(asAdmin["status"]!["allowed"]!.GetValue<bool>());
        Assert.Equal(HttpStatusCode.Forbidden, listCode);
    }
}
