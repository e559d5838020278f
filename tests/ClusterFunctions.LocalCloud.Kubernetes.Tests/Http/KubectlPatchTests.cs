using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

public sealed class KubectlPatchTests
{
    private const string Deployment = """
        apiVersion: apps/v1
        kind: Deployment
        metadata: { name: web, namespace: default, labels: { app: web } }
        spec:
          replicas: 1
          selector: { matchLabels: { app: web } }
          template:
            metadata: { labels: { app: web } }
            spec:
              containers:
              - name: web
                image: nginx:1.27
                args: ["--one"]
        """;

    [Fact]
    public async Task KubectlPatchTypeJson_AllOperations_ChangeTheDeployment()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);
        const string Patch = """
            [
              {"op":"test","path":"/spec/template/spec/containers/0/image","value":"nginx:1.27"},
              {"op":"replace","path":"/spec/template/spec/containers/0/image","value":"nginx:1.28"},
              {"op":"add","path":"/spec/template/spec/containers/0/args/-","value":"--two"},
              {"op":"copy","from":"/spec/template/spec/containers/0/image","path":"/metadata/labels/was"},
              {"op":"move","from":"/metadata/labels/was","path":"/metadata/annotations"},
              {"op":"remove","path":"/metadata/labels/app"},
              {"op":"replace","path":"/spec/replicas","value":3}
            ]
            """;

        var patch = await kubectl.RunAsync("patch", "deployment", "web", "--type=json", "-p", Patch);

        Assert.True(patch.ExitCode == 0, patch.ToString());
        Assert.Contains("deployment.apps/web patched", patch.Stdout);
        var result = await kubectl.RunAsync("get", "deployment", "web", "-o",
            "jsonpath={.spec.template.spec.containers[0].image} {.spec.template.spec.containers[0].args} {.metadata.labels.app}/{.metadata.annotations} {.spec.replicas}");
        Assert.Equal("""nginx:1.28 ["--one","--two"] /nginx:1.28 3""", result.Stdout);
    }

    [Fact]
    public async Task KubectlPatchTypeJson_FailingTest_IsRefusedNamingTheOperationAndChangesNothing()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("d.yaml", Deployment))).ExitCode);

        var patch = await kubectl.RunAsync("patch", "deployment", "web", "--type=json", "-p",
            """[{"op":"replace","path":"/spec/replicas","value":5},{"op":"test","path":"/spec/template/spec/containers/0/image","value":"redis"}]""");

        Assert.NotEqual(0, patch.ExitCode);
        Assert.Contains("operation 1 (test /spec/template/spec/containers/0/image) failed: the value is \"nginx:1.27\", not \"redis\"", patch.Stderr);
        Assert.Equal("1", (await kubectl.RunAsync("get", "deployment", "web", "-o", "jsonpath={.spec.replicas}")).Stdout);
    }
}
