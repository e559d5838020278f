using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Durable.DependencyInjection;

/// <summary>Registers the durable runtime: registry, store, client singleton and the hosted worker.</summary>
public static class DurableTaskServiceCollectionExtensions
{
    /// <summary>
    /// Adds the runtime. The same call serves the function host, the embedded mode and tests:
    /// <c>services.AddDurableTask(b =&gt; { b.AddOrchestrator&lt;T&gt;(); b.AddActivity&lt;T&gt;(); b.UseSqlite(path); })</c>.
    /// </summary>
    public static IServiceCollection AddDurableTask(this IServiceCollection services, Action<DurableTaskBuilder> configure)
    {
        ArgumentNullException.ThrowIfNull(services);
        ArgumentNullException.ThrowIfNull(configure);
        var builder = new DurableTaskBuilder(services);
        configure(builder);
        services.TryAddSingleton(TimeProvider.System);
        services.AddOptions<DurableTaskOptions>();
        services.AddOptions<DurableTaskWorkerOptions>();
        services.AddSingleton(builder.Registry);
        services.TryAddSingleton(sp => new DataConverter(sp.GetRequiredService<IOptions<DurableTaskOptions>>().Value));
        services.TryAddSingleton<DurableTaskClient>();
        if (!services.Any(d => d.ServiceType == typeof(Storage.IOrchestrationStore)))
        {
            throw new InvalidOperationException("AddDurableTask needs a storage backend: call UseSqlite(path) on the builder.");
        }

        if (builder.RunWorker)
        {
            services.TryAddSingleton<DurableTaskWorker>();
            services.AddSingleton<IHostedService>(sp => sp.GetRequiredService<DurableTaskWorker>());
        }

        return services;
    }
}
