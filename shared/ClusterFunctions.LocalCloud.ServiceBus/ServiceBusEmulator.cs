using System.Net;
using Amqp;
using Amqp.Listener;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Links;
using ClusterFunctions.LocalCloud.ServiceBus.Management;
using ClusterFunctions.LocalCloud.ServiceBus.Persistence;
using ClusterFunctions.LocalCloud.ServiceBus.Security;
using ClusterFunctions.LocalCloud.ServiceBus.Transport;

namespace ClusterFunctions.LocalCloud.ServiceBus;

/// <summary>
/// A Service Bus namespace on loopback speaking Service Bus's AMQP 1.0 dialect: <c>$cbs</c>,
/// peek-lock, delivery counts, dead-letter sub-queues, duplicate detection, scheduled messages,
/// renew-lock through <c>$management</c>, and an optional data folder for durability.
/// </summary>
public sealed class ServiceBusEmulator : IAsyncDisposable
{
    readonly ContainerHost host;
    readonly ITimer sweeper;
    readonly FileMessageJournal? journal;
    readonly EntityRegistry registry;
    readonly ServiceBusEmulatorOptions options;
    int stopped;

    ServiceBusEmulator(ServiceBusEmulatorOptions options, ContainerHost host, EntityRegistry registry, FileMessageJournal? journal, int port)
    {
        this.options = options;
        this.host = host;
        this.registry = registry;
        this.journal = journal;
        Port = port;
        var interval = options.SweepInterval;
        sweeper = options.TimeProvider.CreateTimer(_ => Sweep(), null, interval, interval);
    }

    /// <summary>The loopback port the emulator listens on.</summary>
    public int Port { get; }

    /// <summary>The AMQP address of the namespace, e.g. <c>amqp://127.0.0.1:5672</c>.</summary>
    public Uri Endpoint => new($"amqp://127.0.0.1:{Port}");

    /// <summary>A connection string in the form the official Service Bus emulator prints.</summary>
    public string ConnectionString =>
        $"Endpoint=sb://127.0.0.1:{Port};SharedAccessKeyName={options.KeyName};SharedAccessKey={options.Key};UseDevelopmentEmulator=true";

    /// <summary>Starts an emulator with the given entities; the caller disposes it to stop it.</summary>
    public static Task<ServiceBusEmulator> StartAsync(ServiceBusEmulatorOptions options, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        cancellationToken.ThrowIfCancellationRequested();

        FileMessageJournal? journal = null;
        EntityRegistry registry;
        if (options.DataDirectory is { } directory)
        {
            journal = FileMessageJournal.Open(directory, j => new EntityRegistry(options, j), out registry);
        }
        else
        {
            registry = new EntityRegistry(options, NullMessageJournal.Instance);
        }

        var transport = new LoopbackTransportProvider(IPAddress.Loopback, options.Port, new SaslNegotiator(options.KeyName, options.Key));
        var host = new ContainerHost(new Address($"{LoopbackTransportProvider.Scheme}://127.0.0.1:{transport.Port}"));
        host.CustomTransports.Add(LoopbackTransportProvider.Scheme, transport);
        var listener = host.Listeners[0];
        listener.HandlerFactory = _ => LockTokenHandler.Instance;
        var grants = new ConnectionGrants(options.TimeProvider);
        var nodes = new Dictionary<string, IRequestHandler>(StringComparer.OrdinalIgnoreCase)
        {
            ["$cbs"] = new CbsRequestProcessor(new SasTokenValidator(options.KeyName, options.Key), options.JwtTokenValidator, grants, options.TimeProvider),
        };
        foreach (var path in registry.AllReceivable.Select(e => e.Path).Concat(registry.AllTargets.Select(t => t.Path)).Distinct(StringComparer.OrdinalIgnoreCase))
        {
            registry.TryGetReceivable(path, out var entity);
            registry.TryGetTarget(path, out var target);
            nodes[path + "/$management"] = new ManagementRequestProcessor(path, entity, target, registry.RulesOf(path), grants);
        }

        host.RegisterLinkProcessor(new EntityLinkProcessor(registry, nodes, grants, options.MaxMessageSizeBytes));
        try
        {
            host.Open();
        }
        catch
        {
            transport.Dispose();
            journal?.Dispose();
            throw;
        }

        return Task.FromResult(new ServiceBusEmulator(options, host, registry, journal, transport.Port));
    }

    /// <summary>Messages waiting or locked in an entity (e.g. "queue", "queue/$DeadLetterQueue", "topic/Subscriptions/all").</summary>
    public int GetMessageCount(string entityPath) =>
        registry.TryGetReceivable(EntityRegistry.Normalize(entityPath), out var entity)
            ? entity.ActiveCount
            : throw new ArgumentException($"entityPath: '{entityPath}' is not declared", nameof(entityPath));

    void Sweep()
    {
        registry.SweepAll(options.TimeProvider.GetUtcNow());
        if (journal is not null && journal.BytesSinceCompaction > options.JournalCompactionBytes)
        {
            journal.Compact(registry.Snapshot);
        }
    }

    /// <summary>Stops listening and closes every connection; journaled messages stay in the data folder.</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref stopped, 1) == 1)
        {
            return;
        }

        await sweeper.DisposeAsync().ConfigureAwait(false);
        // ContainerHost.Close blocks while it closes connections; keep it off the caller's thread.
        await Task.Run(host.Close, cancellationToken).ConfigureAwait(false);
        journal?.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync().ConfigureAwait(false);
}
