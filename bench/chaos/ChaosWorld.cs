using System.Net;
using System.Net.Sockets;
using ClusterFunctions.Azurite;
using ClusterFunctions.Bench.Scale;
using ClusterFunctions.LocalCloud;

namespace ClusterFunctions.Bench.Chaos;

/// <summary>
/// Everything the harness breaks: LocalCloud (ARM, the clusters' Kubernetes APIs, Service Bus) with its state on disk,
/// one Azurite with its state on disk, and the app's instances as processes. Each part restarts on the same ports
/// and data, as a restarted service comes back at the same address.
/// </summary>
internal sealed class ChaosWorld : IAsyncDisposable
{
    private readonly string _state;
    private readonly LocalCloudOptions _cloudOptions;
    private readonly Dictionary<string, string> _settings;
    private readonly AppInstance?[] _instances;
    private AzuriteServer _azurite;

    private ChaosWorld(string state, LocalCloudOptions cloudOptions, LocalCloudHost cloud, AzuriteServer azurite,
        Dictionary<string, string> settings, int instances)
    {
        _state = state;
        _cloudOptions = cloudOptions;
        Cloud = cloud;
        _azurite = azurite;
        _settings = settings;
        _instances = new AppInstance?[instances];
    }

    public LocalCloudHost Cloud { get; private set; }

    public string Storage => _azurite.ConnectionString;

    public const string TaskHub = "ChaosHub";

    public string CloudDataDirectory => _cloudOptions.DataDirectory!;

    public static async Task<ChaosWorld> StartAsync(string state, int instances, IReadOnlyDictionary<string, string> appSettings)
    {
        var cloudOptions = new LocalCloudOptions
        {
            ArmPort = FreePort(),
            ServiceBusPort = FreePort(),
            DataDirectory = Path.Combine(state, "cloud"),
            // Builds take long enough for faults to land in every step.
            ProvisioningTime = TimeSpan.FromSeconds(3),
            ReadinessDelay = TimeSpan.FromSeconds(1),
        };
        LocalCloudHost cloud = await LocalCloudHost.StartAsync(cloudOptions);
        AzuriteServer azurite = await AzuriteServer.StartAsync(Path.Combine(state, "azurite"));
        var settings = new Dictionary<string, string>(appSettings) { ["TASKHUB_NAME"] = TaskHub };
        foreach (var (key, value) in cloud.HostSettings())
        {
            settings[key] = value;
        }

        var world = new ChaosWorld(state, cloudOptions, cloud, azurite, settings, instances);
        await Task.WhenAll(Enumerable.Range(0, instances).Select(i => world.StartInstanceAsync(i, port: 0)));
        return world;
    }

    /// <summary>SIGKILL to instance <paramref name="index"/>'s host, then the same instance starts again after
    /// <paramref name="pause"/>, as a supervisor restarts a crashed process.</summary>
    public async Task KillAndRestartHostAsync(int index, TimeSpan pause)
    {
        AppInstance instance = _instances[index]!;
        await instance.KillHostAsync();
        await instance.DisposeAsync();
        _instances[index] = null;
        await Task.Delay(pause);
        await StartInstanceAsync(index, instance.BaseUrl.Port);
    }

    /// <summary>SIGKILL to instance <paramref name="index"/>'s worker; its host starts a new one.</summary>
    public bool KillWorker(int index) => _instances[index]!.KillWorker();

    /// <summary>Azurite stops (SIGTERM, so it writes its state) and starts again on the same ports and data.</summary>
    public async Task RestartAzuriteAsync(TimeSpan pause)
    {
        IReadOnlyList<int> ports = _azurite.Ports;
        ProcessTree.Signal(_azurite.ProcessId, "TERM");
        using (var exited = new CancellationTokenSource(TimeSpan.FromSeconds(10)))
        {
            while (Directory.Exists($"/proc/{_azurite.ProcessId}") && !exited.IsCancellationRequested)
            {
                await Task.Delay(100);
            }
        }

        await _azurite.DisposeAsync();
        await Task.Delay(pause);
        _azurite = await AzuriteServer.StartAsync(Path.Combine(_state, "azurite"), ports);
    }

    /// <summary>LocalCloud stops and starts again on the same ports and data directory: Service Bus (with its
    /// queued and unsettled messages), ARM (resource groups, clusters, operations) and the clusters' Kubernetes APIs.</summary>
    public async Task RestartLocalCloudAsync(TimeSpan pause)
    {
        await Cloud.DisposeAsync();
        await Task.Delay(pause);
        Cloud = await LocalCloudHost.StartAsync(_cloudOptions);
    }

    private async Task StartInstanceAsync(int index, int port)
    {
        _instances[index] = await AppInstance.StartAsync(index + 1, Storage, Path.Combine(_state, $"instance-{index + 1}"), _settings,
            CancellationToken.None, port);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        await Task.WhenAll(_instances.Where(i => i is not null).Select(i => i!.DisposeAsync().AsTask()));
        await _azurite.DisposeAsync();
        await Cloud.DisposeAsync();
    }
}
