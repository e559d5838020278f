using System.Net;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

public sealed class ApiSemanticsTests
{
    [Fact]
    public async Task Post_ExistingNamespace_Returns409AlreadyExists()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);

        var (code, body) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces", ApiClient.Namespace("default"));

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("AlreadyExists", body["reason"]?.GetValue<string>());
        Assert.Equal("namespaces \"default\" already exists", body["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task Get_MissingDeployment_Returns404WithQualifiedName()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);

        var (code, body) = await api.SendAsync(HttpMethod.Get, "/apis/apps/v1/namespaces/default/deployments/nope");

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("deployments.apps \"nope\" not found", body["message"]?.GetValue<string>());
        Assert.Equal("deployments", body["details"]?["kind"]?.GetValue<string>());
    }

    [Fact]
    public async Task Post_IntoMissingNamespace_Returns404ForTheNamespace()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);

        var (code, body) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/missing-ns/configmaps", ApiClient.ConfigMap("missing-ns", "c", "v"));

        Assert.Equal(HttpStatusCode.NotFound, code);
        Assert.Equal("namespaces \"missing-ns\" not found", body["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task Put_StaleResourceVersion_Returns409Modified()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var (_, created) = await api.SendAsync(HttpMethod.Post, "/api/v1/namespaces/default/configmaps", ApiClient.ConfigMap("default", "c", "v1"));
        var rv = created["metadata"]!["resourceVersion"]!.GetValue<string>();
        var (okCode, updated) = await api.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v2", rv));

        var (code, body) = await api.SendAsync(HttpMethod.Put, "/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v3", rv));

        Assert.Equal(HttpStatusCode.OK, okCode);
        Assert.NotEqual(rv, updated["metadata"]!["resourceVersion"]!.GetValue<string>());
        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal(
            "Operation cannot be fulfilled on configmaps \"c\": the object has been modified; please apply your changes to the latest version and try again",
            body["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task Apply_WithoutFieldManager_Returns400()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);

        var (code, body) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v"), "application/apply-patch+yaml");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Contains("fieldManager: Required value: is required for apply patch", body["message"]?.GetValue<string>());
    }

    [Fact]
    public async Task Apply_SameConfigurationTwice_KeepsResourceVersionAndRecordsManagedFields()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var (createdCode, first) = await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v"));

        var (code, second) = await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v"));

        Assert.Equal(HttpStatusCode.Created, createdCode);
        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(first["metadata"]!["resourceVersion"]!.GetValue<string>(), second["metadata"]!["resourceVersion"]!.GetValue<string>());
        var managed = second["metadata"]!["managedFields"]!.AsArray().Single()!;
        Assert.Equal("test", managed["manager"]!.GetValue<string>());
        Assert.Equal("Apply", managed["operation"]!.GetValue<string>());
        Assert.NotNull(managed["fieldsV1"]!["f:data"]!["f:key"]);
    }

    [Fact]
    public async Task Apply_FieldDroppedFromConfiguration_RemovesIt()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var full = ApiClient.ConfigMap("default", "c", "v");
        full["data"]!["other"] = "x";
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", full);

        var (_, body) = await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v"));

        Assert.Null(body["data"]!["other"]);
        Assert.Equal("v", body["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Apply_OtherManagerOwnsField_Returns409WithFieldManagerConflictCause()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v"), manager: "deployer");

        var (code, body) = await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "w"), manager: "other");

        Assert.Equal(HttpStatusCode.Conflict, code);
        Assert.Equal("Apply failed with 1 conflict: conflict with \"deployer\" using v1: .data.key", body["message"]?.GetValue<string>());
        Assert.Equal("FieldManagerConflict", body["details"]!["causes"]![0]!["reason"]!.GetValue<string>());
        var (forcedCode, forced) = await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "w"), manager: "other", force: true);
        Assert.Equal(HttpStatusCode.OK, forcedCode);
        Assert.Equal("w", forced["data"]!["key"]!.GetValue<string>());
    }

    [Fact]
    public async Task Patch_UnknownPatchType_Returns415()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v"));

        var (code, _) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/c", "[]", "application/x-diff");

        Assert.Equal(HttpStatusCode.UnsupportedMediaType, code);
    }

    [Fact]
    public async Task Patch_MalformedJsonPatch_Returns400NamingTheOperation()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/c", ApiClient.ConfigMap("default", "c", "v"));

        var (code, body) = await api.SendAsync(HttpMethod.Patch, "/api/v1/namespaces/default/configmaps/c", """[{"op":"add","path":"/data/x"}]""", "application/json-patch+json");

        Assert.Equal(HttpStatusCode.BadRequest, code);
        Assert.Equal("invalid JSON patch: operation 0 (add): \"value\" is required", body["message"]!.GetValue<string>());
    }

    [Fact]
    public async Task List_WithLabelSelector_ReturnsOnlyMatchingItems()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        var labelled = ApiClient.ConfigMap("default", "a", "v");
        labelled["metadata"]!["labels"] = new JsonObject { ["team"] = "x" };
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/a", labelled);
        await api.ApplyAsync("/api/v1/namespaces/default/configmaps/b", ApiClient.ConfigMap("default", "b", "v"));

        var (code, body) = await api.SendAsync(HttpMethod.Get, "/api/v1/configmaps?labelSelector=team%3Dx");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal("ConfigMapList", body["kind"]?.GetValue<string>());
        Assert.Equal(["a"], body["items"]!.AsArray().Select(i => i!["metadata"]!["name"]!.GetValue<string>()));
    }

    [Fact]
    public async Task Delete_Namespace_RemovesItsObjects()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var api = new ApiClient(emulator);
        await api.ApplyAsync("/api/v1/namespaces/team", ApiClient.Namespace("team"));
        await api.ApplyAsync("/api/v1/namespaces/team/configmaps/c", ApiClient.ConfigMap("team", "c", "v"));

        var (code, _) = await api.SendAsync(HttpMethod.Delete, "/api/v1/namespaces/team");
        var (after, _) = await api.SendAsync(HttpMethod.Get, "/api/v1/namespaces/team/configmaps/c");

        Assert.Equal(HttpStatusCode.OK, code);
        Assert.Equal(HttpStatusCode.NotFound, after);
    }
}
