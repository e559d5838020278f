using ClusterFunctions.LocalCloud.Arm;
using ClusterFunctions.LocalCloud.ServiceBus;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.LocalCloud;

/// <summary>
/// The whole LocalCloud on loopback: ARM over HTTPS, a Kubernetes API per created cluster and Service
/// Bus over AMQP, with the entities the product uses. It stands in for Azure the way Azurite stands in
/// for Storage: the product talks to it through its real clients and protocols.
/// </summary>
public sealed class LocalCloudHost : IAsyncDisposable
{
    public const string RequestsQueue = "cluster-requests";
    public const string EventsTopic = "cluster-events";
    public const string EventsSubscription = "all";

    private LocalCloudHost(ArmEmulator arm, ServiceBusEmulator serviceBus, KubernetesClusterApiProvisioner clusters)
    {
        Arm = arm;
        ServiceBus = serviceBus;
        Clusters = clusters;
    }

    public ArmEmulator Arm { get; }

    public ServiceBusEmulator ServiceBus { get; }

    public KubernetesClusterApiProvisioner Clusters { get; }

    public static async Task<LocalCloudHost> StartAsync(LocalCloudOptions options, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        var clusters = new KubernetesClusterApiProvisioner(options);
        var arm = await ArmEmulator.StartAsync(
            new ArmEmulatorOptions
            {
                Port = options.ArmPort,
                ProvisioningTime = options.ProvisioningTime,
                TimeProvider = options.TimeProvider,
                ClusterApiProvisioner = clusters,
                DataDirectory = options.DataDirectory is { } data ? Path.Combine(data, "arm") : null,
            },
            loggerFactory,
            cancellationToken);

        var serviceBusOptions = ServiceBusEmulatorOptions.WithClusterDefaults();
        serviceBusOptions.Port = options.ServiceBusPort;
        serviceBusOptions.Key = options.ServiceBusKey;
        serviceBusOptions.DataDirectory = options.DataDirectory;
        serviceBusOptions.TimeProvider = options.TimeProvider;
        try
        {
            var serviceBus = await ServiceBusEmulator.StartAsync(serviceBusOptions, cancellationToken);
            return new LocalCloudHost(arm, serviceBus, clusters);
        }
        catch
        {
            // Unlock the ARM data directory and stop the clusters' API servers, so a retry can start.
            await arm.DisposeAsync();
            await clusters.DisposeAsync();
            throw;
        }
    }

    /// <summary>The settings (configuration keys) that point a function app host at this LocalCloud.</summary>
    public IReadOnlyDictionary<string, string> HostSettings() => new SortedDictionary<string, string>(StringComparer.Ordinal)
    {
        ["Azure:ResourceManagerEndpoint"] = Arm.Endpoint.ToString(),
        ["Azure:ResourceManagerCertificatePem"] = Arm.CertificatePem,
        ["ServiceBusConnection"] = ServiceBus.ConnectionString,
    };

    public async ValueTask DisposeAsync()
    {
        await ServiceBus.DisposeAsync();
        await Arm.DisposeAsync();
        await Clusters.DisposeAsync();
    }
}
