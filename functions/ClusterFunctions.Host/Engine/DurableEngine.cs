using System.Net.Http;
using Microsoft.Azure.WebJobs;
using Microsoft.Azure.WebJobs.Host;
using Microsoft.Azure.WebJobs.Host.Config;
using Microsoft.Azure.WebJobs.Extensions.DurableTask;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Engine;

/// <summary>
/// The engine Azure's Functions host runs, in-process: a WebJobs host with the real Durable extension on Azure
/// Storage, indexing only the generated function class. It triggers orchestrators and activities itself, binds
/// the Durable client, and answers the Durable management API.
/// </summary>
internal sealed class DurableEngine : IAsyncDisposable
{
    /// <summary>How long a stop waits for the engine. The storage provider waits up to 10 min for its partition
    /// manager, which cannot release its leases while the storage is unreachable; a host asked to stop must not hang
    /// that long. Leases it does not release expire on their own, and another instance takes the partitions then.</summary>
    public static readonly TimeSpan StopTimeout = TimeSpan.FromSeconds(30);

    private readonly IHost _host;
    private readonly ILogger _log;

    private DurableEngine(IHost host, ILogger log)
    {
        _host = host;
        _log = log;
        JobHost = host.Services.GetRequiredService<IJobHost>();
        ManagementApi = host.Services.GetServices<IExtensionConfigProvider>().OfType<IAsyncConverter<HttpRequestMessage, HttpResponseMessage>>().Single();
    }

    /// <summary>Calls functions the host triggers itself.</summary>
    public IJobHost JobHost { get; }

    /// <summary>The Durable extension's own handler of <c>/runtime/webhooks/durabletask/...</c>.</summary>
    public IAsyncConverter<HttpRequestMessage, HttpResponseMessage> ManagementApi { get; }

    /// <summary>Starts the engine with <paramref name="settings"/> as its configuration (host.json under
    /// <c>AzureWebJobs:</c>, app settings at the root).</summary>
    public static async Task<DurableEngine> StartAsync(Type functions, IReadOnlyDictionary<string, string?> settings, Uri managementBaseUrl,
        ILoggerFactory loggerFactory, CancellationToken cancellationToken)
    {
        IHost host = new HostBuilder()
            .ConfigureAppConfiguration(configuration =>
            {
                // As on the Functions host, the process environment is app settings too; the app's files and the
                // caller's overrides win over it.
                configuration.Sources.Clear();
                configuration.AddEnvironmentVariables();
                configuration.AddInMemoryCollection(settings);
            })
            .ConfigureWebJobs(webJobs => webJobs.AddDurableTask())
            .ConfigureServices(services =>
            {
                services.AddSingleton(loggerFactory);
                // Registered after ConfigureWebJobs: replaces assembly scanning, so only the generated class is indexed.
                services.AddSingleton<ITypeLocator>(new SingleTypeLocator(functions));
#pragma warning disable CS0618 // The Functions host implements this "internal" interface too; the extension needs it to build URLs.
                services.AddSingleton<IWebHookProvider>(new ManagementUrlProvider(managementBaseUrl));
#pragma warning restore CS0618
            })
            .UseConsoleLifetime(options => options.SuppressStatusMessages = true)
            .Build();
        try
        {
            await host.StartAsync(cancellationToken);
        }
        catch (Exception e) when (e is InvalidOperationException or ArgumentException or FormatException)
        {
            host.Dispose();
            // Bad host.json settings surface here (the extension validates its options at start).
            throw new Hosting.HostConfigurationException($"the Durable engine did not start: {e.Message}");
        }

        return new DurableEngine(host, loggerFactory.CreateLogger<DurableEngine>());
    }

    public async ValueTask DisposeAsync()
    {
        // The token alone does not bound it: the extension's listeners wait for the storage provider regardless.
        using var grace = new CancellationTokenSource(StopTimeout);
        Task stopping = _host.StopAsync(grace.Token);
        try
        {
            await stopping.WaitAsync(StopTimeout);
        }
        catch (TimeoutException)
        {
            _log.LogWarning("The Durable engine did not stop within {Timeout} s; its storage may be unreachable. The host stops " +
                "without it; the partition leases it holds expire on their own.", StopTimeout.TotalSeconds);
            _ = stopping.ContinueWith(_ => _host.Dispose(), TaskScheduler.Default);
            return;
        }

        _host.Dispose();
    }

    private sealed class SingleTypeLocator(Type type) : ITypeLocator
    {
        public IReadOnlyList<Type> GetTypes() => [type];
    }

    // The base URL the extension puts in the management URLs it hands out (HttpManagementPayload, 202 Location).
#pragma warning disable CS0618 // See the registration above.
    private sealed class ManagementUrlProvider(Uri baseUrl) : IWebHookProvider
    {
        public Uri GetUrl(IExtensionConfigProvider extension) => baseUrl;
    }
#pragma warning restore CS0618
}
