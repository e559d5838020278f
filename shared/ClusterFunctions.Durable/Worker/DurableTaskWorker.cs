using ClusterFunctions.Durable.Storage;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Durable.Worker;

/// <summary>The hosted worker: orchestration and activity dispatchers, lease renewal and retention.</summary>
public sealed class DurableTaskWorker : BackgroundService
{
    private readonly IOrchestrationStore store;
    private readonly DurableTaskWorkerOptions options;
    private readonly TimeProvider timeProvider;
    private readonly ILogger<DurableTaskWorker> logger;
    private readonly LeaseTracker leases = new();
    private readonly OrchestrationDispatcher orchestrations;
    private readonly ActivityDispatcher activities;

    /// <summary>Creates the worker from DI.</summary>
    public DurableTaskWorker(
        IOrchestrationStore store,
        DurableTaskRegistry registry,
        IServiceProvider services,
        DataConverter converter,
        IOptions<DurableTaskWorkerOptions> options,
        TimeProvider timeProvider,
        ILoggerFactory loggerFactory)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.options = options.Value;
        this.options.Validate();
        this.timeProvider = timeProvider;
        logger = loggerFactory.CreateLogger<DurableTaskWorker>();
        activities = new ActivityDispatcher(
            store, registry, services, converter, this.options, leases, timeProvider, loggerFactory.CreateLogger<ActivityDispatcher>());
        orchestrations = new OrchestrationDispatcher(store, registry, services, converter, this.options, leases, activities, timeProvider, loggerFactory);
        activities.Orchestrations = orchestrations;
    }

    /// <summary>Executors currently cached between episodes.</summary>
    public int CachedExecutors => orchestrations.CachedExecutors;

    /// <inheritdoc/>
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await store.InitializeAsync(stoppingToken);
        logger.LogInformation("Durable task worker {WorkerId} started", options.WorkerId);
        var loops = new[]
        {
            Guard(orchestrations.RunAsync, stoppingToken),
            Guard(activities.RunAsync, stoppingToken),
            Guard(RenewLeasesAsync, stoppingToken),
            Guard(RetainAsync, stoppingToken),
        };
        await Task.WhenAll(loops);
    }

    private async Task Guard(Func<CancellationToken, Task> loop, CancellationToken stoppingToken)
    {
        try
        {
            await Task.Run(() => loop(stoppingToken), CancellationToken.None);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private async Task RenewLeasesAsync(CancellationToken stoppingToken)
    {
        var interval = options.LockTimeout / 3;
        var due = timeProvider.GetUtcNow() + interval;
        while (!stoppingToken.IsCancellationRequested)
        {
            await ClockWait.UntilAsync(timeProvider, due, Min(interval, TimeSpan.FromMilliseconds(50)), stoppingToken);

            // Fixed-rate schedule: the next renewal is due one interval after this one was due, not after this loop got
            // around to it, so a slow loop never drifts past a lease's expiry; after a long stall it renews at once.
            var now = timeProvider.GetUtcNow();
            due = due + interval > now ? due + interval : now;
            try
            {
                await store.RenewLocksAsync(options.WorkerId, leases.Instances, leases.Tasks, options.LockTimeout, stoppingToken);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Lease renewal failed; leases may expire and work may run again elsewhere");
            }
        }
    }

    private static TimeSpan Min(TimeSpan a, TimeSpan b) => a < b ? a : b;

    private async Task RetainAsync(CancellationToken stoppingToken)
    {
        if (options.RetentionPeriod is not { } retention)
        {
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            // Due time fixed before the pass, so a clock that moves during a slow pass is not skipped.
            var due = timeProvider.GetUtcNow() + options.RetentionInterval;
            try
            {
                var filter = new InstanceFilter { CompletedTo = timeProvider.GetUtcNow().UtcDateTime - retention };
                int purged;
                do
                {
                    purged = await store.PurgeBatchAsync(filter, options.PurgeBatchSize, stoppingToken);
                    if (purged > 0)
                    {
                        logger.LogInformation("Retention purged {Count} finished instances", purged);
                    }
                }
                while (purged == options.PurgeBatchSize);
            }
            catch (Exception ex) when (!stoppingToken.IsCancellationRequested)
            {
                logger.LogWarning(ex, "Retention purge failed; retrying at the next interval");
            }

            await ClockWait.UntilAsync(timeProvider, due, TimeSpan.FromSeconds(1), stoppingToken);
        }
    }
}
