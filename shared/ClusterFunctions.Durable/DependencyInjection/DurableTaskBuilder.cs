using ClusterFunctions.Durable.Sqlite;
using ClusterFunctions.Durable.Storage;
using ClusterFunctions.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClusterFunctions.Durable.DependencyInjection;

/// <summary>Configures the durable runtime: registrations, storage backend, options and whether a worker runs.</summary>
public sealed class DurableTaskBuilder(IServiceCollection services)
{
    /// <summary>The service collection being configured.</summary>
    public IServiceCollection Services { get; } = services;

    /// <summary>The orchestrators and activities.</summary>
    public DurableTaskRegistry Registry { get; } = new();

    /// <summary>False registers only the client (a process that starts and queries but runs nothing).</summary>
    public bool RunWorker { get; set; } = true;

    /// <summary>Registers an orchestrator class under its type name.</summary>
    public DurableTaskBuilder AddOrchestrator<T>()
        where T : class, ITaskOrchestrator
    {
        Registry.AddOrchestrator<T>();
        return this;
    }

    /// <summary>Registers an activity class under its type name.</summary>
    public DurableTaskBuilder AddActivity<T>()
        where T : class, ITaskActivity
    {
        Registry.AddActivity<T>();
        return this;
    }

    /// <summary>Registers a lambda orchestrator.</summary>
    public DurableTaskBuilder AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> func)
    {
        Registry.AddOrchestratorFunc(name, func);
        return this;
    }

    /// <summary>Registers a lambda activity.</summary>
    public DurableTaskBuilder AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> func)
    {
        Registry.AddActivityFunc(name, func);
        return this;
    }

    /// <summary>Uses the SQLite backend at <paramref name="databasePath"/>.</summary>
    public DurableTaskBuilder UseSqlite(string databasePath, Action<SqliteStoreOptions>? configure = null)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var storeOptions = new SqliteStoreOptions { DatabasePath = databasePath };
        configure?.Invoke(storeOptions);
        Services.RemoveAll<IOrchestrationStore>();
        Services.AddSingleton<IOrchestrationStore>(sp => new SqliteOrchestrationStore(storeOptions, sp.GetRequiredService<TimeProvider>()));
        return this;
    }

    /// <summary>Configures payload limit, hub name and serialization.</summary>
    public DurableTaskBuilder Configure(Action<DurableTaskOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }

    /// <summary>Configures the worker.</summary>
    public DurableTaskBuilder ConfigureWorker(Action<DurableTaskWorkerOptions> configure)
    {
        Services.Configure(configure);
        return this;
    }
}
