using Azure.Core.Pipeline;
using ClusterFunctions.Azure.Aks;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.LocalCloud.Arm;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Azure.Tests.TestSupport;

/// <summary>The adapter wired to a fresh ARM emulator (and a fake Kubernetes API behind it), with every log line captured.</summary>
internal sealed class AksTestBed : IAsyncDisposable
{
    public const string Subscription = "11111111-2222-3333-4444-555555555555";
    public const string ResourceGroup = "rg-cf";

    private AksTestBed(ArmEmulator emulator, FakeKubernetesApi kubernetes, ILoggerFactory loggers, CapturingLoggerProvider logs, ArmClientProvider clients)
    {
        Emulator = emulator;
        Kubernetes = kubernetes;
        Loggers = loggers;
        Logs = logs;
        Adapter = new AksClusterInfrastructure(clients, loggers.CreateLogger<AksClusterInfrastructure>());
    }

    public ArmEmulator Emulator { get; }

    public FakeKubernetesApi Kubernetes { get; }

    public ILoggerFactory Loggers { get; }

    public CapturingLoggerProvider Logs { get; }

    public AksClusterInfrastructure Adapter { get; }

    /// <summary>Starts the bed; <paramref name="maxRetries"/> 0 lets injected faults reach the classifier directly.</summary>
    public static async Task<AksTestBed> StartAsync(ArmEmulatorOptions? options = null, int maxRetries = 0)
    {
        var kubernetes = await FakeKubernetesApi.StartAsync();
        options ??= new ArmEmulatorOptions();
        options.ClusterApiProvisioner = kubernetes;
        options.PollRetryAfterSeconds = 0;
        var logs = new CapturingLoggerProvider();
        var loggers = LoggerFactory.Create(b => b.SetMinimumLevel(LogLevel.Trace).AddProvider(logs));
        var emulator = await ArmEmulator.StartAsync(options, loggers);
        var settings = new AksInfrastructureOptions
        {
            ResourceManagerEndpoint = emulator.Endpoint,
            MaxRetries = maxRetries,
            RetryDelay = TimeSpan.FromMilliseconds(10),
            Transport = new HttpClientTransport(emulator.CreateHttpHandler()),
        };
        var clients = new ArmClientProvider(new FakeArmCredential(), Options.Create(settings));
        return new AksTestBed(emulator, kubernetes, loggers, logs, clients);
    }

    public static InfrastructureRequest Request(string requestId = "req-1", string clusterName = "aks1", string? bodyRequestId = null)
    {
        var resourceId = $"/subscriptions/{Subscription}/resourceGroups/{ResourceGroup}/providers/Microsoft.ContainerService/managedClusters/{clusterName}";
        var plan = new AksClusterPlan(Subscription, ResourceGroup, "centralindia", clusterName, "2025-08-01", resourceId,
            ProductionBody(bodyRequestId ?? requestId),
            [
                new NodePoolPlan("system", "System", "Standard_D4ds_v5", 3, 5, false, []),
                new NodePoolPlan("gpu", "User", "Standard_NC6s_v3", 0, 25, true, ["nvidia.com/gpu=present:NoSchedule"]),
            ]);
        return new InfrastructureRequest(requestId, new InfrastructurePlan(InfrastructureProviders.Aks, plan, null));
    }

    /// <summary>The body the renderer produces for the production profile (canonical: sorted keys).</summary>
    public static string ProductionBody(string requestId) =>
        $$$"""
        {"identity":{"type":"SystemAssigned"},"location":"centralindia",
         "properties":{"agentPoolProfiles":[
           {"count":3,"enableAutoScaling":true,"maxCount":5,"minCount":3,"mode":"System","name":"system","osType":"Linux","type":"VirtualMachineScaleSets","vmSize":"Standard_D4ds_v5"},
           {"count":0,"enableAutoScaling":true,"gpuProfile":{"driver":"Install"},"maxCount":25,"minCount":0,"mode":"User","name":"gpu","nodeLabels":{"accelerator":"nvidia"},"nodeTaints":["nvidia.com/gpu=present:NoSchedule"],"osType":"Linux","type":"VirtualMachineScaleSets","vmSize":"Standard_NC6s_v3"}],
          "autoScalerProfile":{"expander":"least-waste","scan-interval":"20s"},
          "disableLocalAccounts":false,"dnsPrefix":"cf-aks1","enableRBAC":true,"kubernetesVersion":"1.32",
          "networkProfile":{"networkDataplane":"cilium","networkPlugin":"azure","networkPluginMode":"overlay","networkPolicy":"cilium"}},
         "sku":{"name":"Base","tier":"Standard"},
         "tags":{"clusterfunctions-profile":"production","clusterfunctions-profile-version":"sha256:0a1b2c","clusterfunctions-request-id":"{{{requestId}}}"}}
        """;

    public async ValueTask DisposeAsync()
    {
        await Emulator.DisposeAsync();
        await Kubernetes.DisposeAsync();
        Loggers.Dispose();
    }
}
