using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Tests.Support;
using ClusterFunctions.Tests.Shared;

namespace ClusterFunctions.LocalCloud.Kubernetes.Tests.Http;

public sealed class KubectlConformanceTests
{
    private const string Manifests = """
        apiVersion: v1
        kind: Namespace
        metadata:
          name: demo
        ---
        apiVersion: v1
        kind: ConfigMap
        metadata:
          name: app-config
          namespace: demo
        data:
          mode: fast
        ---
        apiVersion: apps/v1
        kind: Deployment
        metadata:
          name: web
          namespace: demo
          labels:
            app: web
        spec:
          replicas: 2
          selector:
            matchLabels:
              app: web
          template:
            metadata:
              labels:
                app: web
            spec:
              containers:
              - name: web
                image: nginx:1.27
        """;

    [Fact]
    public async Task KubectlApplyServerSide_NewObjects_AreServersideAppliedAndListed()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var file = kubectl.WriteFile("m.yaml", Manifests);

        var apply = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "--field-manager=kubectl-test", "-f", file);
        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("deployment.apps/web serverside-applied", apply.Stdout);

        var get = await kubectl.RunAsync("get", "deploy,cm", "-n", "demo", "-o", "name");
        Assert.True(get.ExitCode == 0, get.ToString());
        Assert.Contains("deployment.apps/web", get.Stdout);
        Assert.Contains("configmap/app-config", get.Stdout);
    }

    [Fact]
    public async Task KubectlApplyServerSide_SecondManagerChangesOwnedField_ReportsConflict()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var file = kubectl.WriteFile("m.yaml", Manifests);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "--validate=false", "--field-manager=first", "-f", file)).ExitCode);
        var changed = kubectl.WriteFile("c.yaml", Manifests.Replace("replicas: 2", "replicas: 5"));

        var conflict = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "--field-manager=second", "-f", changed);

        Assert.NotEqual(0, conflict.ExitCode);
        Assert.Contains("conflict with \"first\"", conflict.Stderr);
        Assert.Contains(".spec.replicas", conflict.Stderr);
        var forced = await kubectl.RunAsync("apply", "--server-side", "--validate=false", "--field-manager=second", "--force-conflicts", "-f", changed);
        Assert.True(forced.ExitCode == 0, forced.ToString());
        var replicas = await kubectl.RunAsync("get", "deploy", "web", "-n", "demo", "-o", "jsonpath={.spec.replicas}");
        Assert.Equal("5", replicas.Stdout);
    }

    [Fact]
    public async Task KubectlApplyServerSide_DefaultStrictValidation_IsAcceptedThroughOpenApiV3()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);

        var apply = await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("m.yaml", Manifests));

        Assert.True(apply.ExitCode == 0, apply.ToString());
        Assert.Contains("deployment.apps/web serverside-applied", apply.Stdout);
    }

    [Fact]
    public async Task KubectlSetImage_OneOfTwoContainers_KeepsTheOtherContainerAndPorts()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var twoContainers = Manifests.Replace("- name: web\n        image: nginx:1.27", "- name: web\n        image: nginx:1.27\n        ports: [{containerPort: 80}]\n      - name: side\n        image: busybox:1");
        Assert.NotEqual(Manifests, twoContainers);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("m.yaml", twoContainers))).ExitCode);

        var set = await kubectl.RunAsync("set", "image", "deploy/web", "-n", "demo", "web=nginx:1.28");

        Assert.True(set.ExitCode == 0, set.ToString());
        var containers = await kubectl.RunAsync("get", "deploy", "web", "-n", "demo", "-o", "jsonpath={range .spec.template.spec.containers[*]}{.name}={.image}:{.ports[0].containerPort};{end}");
        Assert.Equal("web=nginx:1.28:80;side=busybox:1:;", containers.Stdout);
    }

    [Fact]
    public async Task KubectlScale_Deployment_ChangesReplicasThroughTheScaleSubresource()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "-f", kubectl.WriteFile("m.yaml", Manifests))).ExitCode);

        var scale = await kubectl.RunAsync("scale", "deploy/web", "-n", "demo", "--replicas=4");

        Assert.True(scale.ExitCode == 0, scale.ToString());
        var status = await kubectl.RunAsync("get", "deploy", "web", "-n", "demo", "-o", "jsonpath={.spec.replicas}/{.status.readyReplicas}");
        Assert.Equal("4/4", status.Stdout);
    }

    [Fact]
    public async Task KubectlCreate_TypedCommandsSendingProtobuf_CreateTheObjects()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);

        var ns = await kubectl.RunAsync("create", "namespace", "team");
        var cm = await kubectl.RunAsync("create", "configmap", "settings", "-n", "team", "--from-literal=mode=fast");
        var secret = await kubectl.RunAsync("create", "secret", "generic", "creds", "-n", "team", "--from-literal=password=s3cret");
        var sa = await kubectl.RunAsync("create", "serviceaccount", "runner", "-n", "team");

        Assert.All(new[] { ns, cm, secret, sa }, r => Assert.True(r.ExitCode == 0, r.ToString()));
        Assert.Equal("fast", (await kubectl.RunAsync("get", "cm", "settings", "-n", "team", "-o", "jsonpath={.data.mode}")).Stdout);
        var password = (await kubectl.RunAsync("get", "secret", "creds", "-n", "team", "-o", "jsonpath={.data.password}")).Stdout;
        Assert.Equal("s3cret", System.Text.Encoding.UTF8.GetString(Convert.FromBase64String(password)));
    }

    [Fact]
    public async Task KubectlCreateDeployment_ProtobufBody_StoresTheDeploymentAndItsPodsRun()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);

        var result = await kubectl.RunAsync("create", "deployment", "web", "--image=nginx:1.27", "--replicas=2", "--port=8080", "-n", "default", "--", "nginx", "-g", "daemon off;");
        var deployment = JsonNode.Parse((await kubectl.RunAsync("get", "deployment", "web", "-n", "default", "-o", "json")).Stdout)!;
        var wait = await kubectl.RunAsync("wait", "--for=condition=Available", "deployment/web", "-n", "default", "--timeout=30s");
        var pods = await kubectl.RunAsync("get", "pods", "-n", "default", "-l", "app=web", "-o", "name");

        Assert.True(result.ExitCode == 0, result.ToString());
        var container = deployment["spec"]!["template"]!["spec"]!["containers"]![0]!;
        Assert.Equal(2, deployment["spec"]!["replicas"]!.GetValue<int>());
        Assert.Equal("web", deployment["spec"]!["selector"]!["matchLabels"]!["app"]!.GetValue<string>());
        Assert.Equal("web", deployment["spec"]!["template"]!["metadata"]!["labels"]!["app"]!.GetValue<string>());
        Assert.Equal("nginx", container["name"]!.GetValue<string>());
        Assert.Equal("nginx:1.27", container["image"]!.GetValue<string>());
        Assert.Equal(["nginx", "-g", "daemon off;"], container["command"]!.AsArray().Select(c => c!.GetValue<string>()));
        Assert.Equal(8080, container["ports"]![0]!["containerPort"]!.GetValue<int>());
        Assert.True(wait.ExitCode == 0, wait.ToString());
        Assert.Equal(2, pods.Stdout.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task KubectlDelete_ExistingConfigMap_IsGoneAndGetReportsNotFound()
    {
        await using var emulator = await KubernetesEmulator.StartAsync();
        using var kubectl = new Kubectl(emulator);
        var file = kubectl.WriteFile("m.yaml", Manifests);
        Assert.Equal(0, (await kubectl.RunAsync("apply", "--server-side", "--validate=false", "-f", file)).ExitCode);

        var delete = await kubectl.RunAsync("delete", "cm", "app-config", "-n", "demo");
        Assert.True(delete.ExitCode == 0, delete.ToString());

        var get = await kubectl.RunAsync("get", "cm", "app-config", "-n", "demo");
        Assert.NotEqual(0, get.ExitCode);
        Assert.Contains("configmaps \"app-config\" not found", get.Stderr);
    }
}
