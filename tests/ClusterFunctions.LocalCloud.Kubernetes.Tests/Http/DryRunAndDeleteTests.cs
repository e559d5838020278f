using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

public sealed class DryRunAndDeleteTests
{
    // The shape of the catalog's locked-rbac bundle: a policy and its binding, both named clusterfunctions-locked-rbac.
    private const string LockedRbac = """
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicy
        metadata: { name: clusterfunctions-locked-rbac }
        spec:
          failurePolicy: Fail
          matchConstraints:
            resourceRules:
              - apiGroups: [rbac.authorization.k8s.io]
                apiVersions: ["*"]
                operations: [CREATE, UPDATE, DELETE]
                resources: [roles, rolebindings, clusterroles, clusterrolebindings]
          validations:
            - expression: "'clusterfunctions:platform' in request.userInfo.groups"
              message: only the platform identity may change roles
        ---
        apiVersion: admissionregistration.k8s.io/v1
        kind: ValidatingAdmissionPolicyBinding
        metadata: { name: clusterfunctions-locked-rbac }
        spec:
          policyName: clusterfunctions-locked-rbac
          validationActions: [Deny]
        """;

    [Fact]
    public async Task KubectlDeleteDryRunServer_LockedRbacBinding_StaysInPlace()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("p.yaml", LockedRbac))).ExitCode);

        var delete = await kubectl.RunAsync("delete", "validatingadmissionpolicybinding", "clusterfunctions-locked-rbac", "--dry-run=server");

        Assert.True(delete.ExitCode == 0, delete.ToString());
        Assert.Contains("deleted (server dry run)", delete.Stdout);
        var get = await kubectl.RunAsync("get", "validatingadmissionpolicybinding", "clusterfunctions-locked-rbac", "-o", "name");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains("clusterfunctions-locked-rbac", get.Stdout);
    }

    [Fact]
    public async Task KubectlDryRunServer_CreatePatchLabel_StoreNothing()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("create", "configmap", "kept", "--from-literal=mode=live")).ExitCode);

        var create = await kubectl.RunAsync("create", "configmap", "ghost", "--from-literal=a=b", "--dry-run=server");
        var patch = await kubectl.RunAsync("patch", "configmap", "kept", "-p", """{"data":{"mode":"changed"}}""", "--dry-run=server");
        var label = await kubectl.RunAsync("label", "configmap", "kept", "tier=x", "--dry-run=server");

        Assert.All(new[] { create, patch, label }, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.NotEqual(0, (await kubectl.RunAsync("get", "configmap", "ghost")).ExitCode);
        Assert.Equal("live|", (await kubectl.RunAsync("get", "configmap", "kept", "-o", "jsonpath={.data.mode}|{.metadata.labels.tier}")).Stdout);
    }

    [Fact]
    public async Task DryRunAll_OnEveryMutatingVerb_ReturnsTheWouldBeObjectAndStoresNothing()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var (_, live) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ApiClient.ConfigMap("default", "c", "v1"));
        var rv = live["metadata"]!["resourceVersion"]!.GetValue<string>();
        const string Item = "/api/v1/namespaces/default/configmaps/c?dryRun=All";

        var create = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps?dryRun=All", ApiClient.ConfigMap("default", "new", "x"));
        var update = await api.SendAsync(HttpMethod.Put, Item, ApiClient.ConfigMap("default", "c", "v2"));
        var merge = await api.SendAsync(HttpMethod.Patch, Item, new JsonObject { ["data"] = new JsonObject { ["key"] = "v3" } }, "application/merge-patch+json");
        var jsonPatch = await api.SendAsync(HttpMethod.Patch, Item, """[{"op":"replace","path":"/data/key","value":"v4"}]""", "application/json-patch+json");
        var apply = await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c?dryRun=All", ApiClient.ConfigMap("default", "c", "v5"), force: true);
        var delete = await api.SendAsync(HttpMethod.Delete, Item);
        var collection = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps?dryRun=All");

        Assert.Equal(HttpStatusCode.Created, create.Code);
        Assert.Equal("new", create.Body["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal("v2", update.Body["data"]!["key"]!.GetValue<string>());
        Assert.Equal("v3", merge.Body["data"]!["key"]!.GetValue<string>());
        Assert.Equal("v4", jsonPatch.Body["data"]?["key"]?.GetValue<string>());
        Assert.Equal("v5", apply.Body["data"]!["key"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, delete.Code);
        Assert.Equal("c", delete.Body["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(["c"], collection.Body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
        var (_, after) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/c");
        Assert.Equal("v1", after["data"]!["key"]!.GetValue<string>());
        Assert.Equal(rv, after["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/new")).Code);
    }

    [Fact]
    public async Task Delete_DryRunInDeleteOptionsBody_KeepsTheObject()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ApiClient.ConfigMap("default", "c", "v1"));

        var (code, body) = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps/c",
            """{"kind":"DeleteOptions","apiVersion":"v1","propagationPolicy":"Background","dryRun":["All"]}""");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("c", body["metadata"]!["name"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/c")).Code);
    }

    [Theory]
    [InlineData("/api/v1/namespaces/default/configmaps/c?dryRun=Some", null)]
    [InlineData("/api/v1/namespaces/default/configmaps/c", """{"dryRun":["Everything"]}""")]
    public async Task Delete_UnknownDryRunValue_Returns400NamingDryRun(string path, string? body)
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ApiClient.ConfigMap("default", "c", "v1"));

        var (code, status) = await api.SendAsync(HttpMethod.Delete, path, body);

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("dryRun: Unsupported value", status["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, (await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/default/configmaps/c")).Code);
    }

    [Fact]
    public async Task Delete_PreconditionsThatDoNotMatch_Return409AndKeepTheObject()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var (_, live) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ApiClient.ConfigMap("default", "c", "v1"));
        var uid = live["metadata"]!["uid"]!.GetValue<string>();
        var rv = live["metadata"]!["resourceVersion"]!.GetValue<string>();
        const string Path = "/api/v1/namespaces/default/configmaps/c";

        var wrongUid = await api.SendAsync(HttpMethod.Delete, Path, """{"preconditions":{"uid":"00000000-0000-0000-0000-000000000000"}}""");
        var wrongVersion = await api.SendAsync(HttpMethod.Delete, Path, $$$"""{"preconditions":{"uid":"{{{uid}}}","resourceVersion":"{{{rv}}}9"}}""");
        var matching = await api.SendAsync(HttpMethod.Delete, Path, $$$"""{"preconditions":{"uid":"{{{uid}}}","resourceVersion":"{{{rv}}}"}}""");

        Assert.Equal(HttpStatusCode.Conflict, wrongUid.Code);
        Assert.Equal($"Operation cannot be fulfilled on configmaps \"c\": Precondition failed: UID in precondition: 00000000-0000-0000-0000-000000000000, UID in object meta: {uid}",
            wrongUid.Body["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, wrongVersion.Code);
        Assert.Contains($"ResourceVersion in precondition: {rv}9, ResourceVersion in object meta: {rv}", wrongVersion.Body["message"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.OK, matching.Code);
        Assert.Equal(HttpStatusCode.NotFound, (await api.SendAsync(HttpMethod.Get, Path)).Code);
    }

    [Fact]
    public async Task DeleteCollection_LabelSelector_DeletesOnlyTheMatchingObjectsOfTheNamespace()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces", ApiClient.Namespace("other"));
        foreach (var (ns, name, tier) in new[] { ("default", "a", "web"), ("default", "b", "db"), ("default", "c", "web"), ("other", "d", "web") })
        {
            var cm = ApiClient.ConfigMap(ns, name, "v");
            cm["metadata"]!["labels"] = new JsonObject { ["tier"] = tier };
            await api.SendAsync(HttpMethod.Post, $"/api/v1/namespaces/{ns}/configmaps", cm);
        }

        var (code, deleted) = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/default/configmaps?labelSelector=tier%3Dweb");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("ConfigMapList", deleted["kind"]!.GetValue<string>());
        Assert.Equal(["a", "c"], deleted["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Order());
        var (_, remaining) = await api.SendAsync(HttpMethod.Get, "/api/v1/configmaps");
        Assert.Equal(["b", "d"], remaining["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()).Order());
    }
}
