namespace ClusterFunctions.Durable;

/// <summary>The orchestrators and activities a worker can run, each created per use from DI.</summary>
public sealed class DurableTaskRegistry
{
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskOrchestrator>> orchestrators = [];
    private readonly Dictionary<TaskName, Func<IServiceProvider, ITaskActivity>> activities = [];

    /// <summary>Registered orchestrator names.</summary>
    public IReadOnlyCollection<TaskName> OrchestratorNames => orchestrators.Keys;

    /// <summary>Registered activity names.</summary>
    public IReadOnlyCollection<TaskName> ActivityNames => activities.Keys;

    /// <summary>Registers <typeparamref name="T"/> under its type name, resolved with constructor injection.</summary>
    public DurableTaskRegistry AddOrchestrator<T>()
        where T : class, ITaskOrchestrator =>
        AddOrchestrator(typeof(T).Name, sp => Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(sp));

    /// <summary>Registers an orchestrator factory under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddOrchestrator(TaskName name, Func<IServiceProvider, ITaskOrchestrator> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!orchestrators.TryAdd(name, factory))
        {
            throw new ArgumentException($"An orchestrator named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers a lambda orchestrator.</summary>
    public DurableTaskRegistry AddOrchestratorFunc<TInput, TOutput>(TaskName name, Func<TaskOrchestrationContext, TInput, Task<TOutput>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return AddOrchestrator(name, _ => new FuncOrchestrator<TInput, TOutput>(func));
    }

    /// <summary>Registers <typeparamref name="T"/> under its type name, resolved with constructor injection.</summary>
    public DurableTaskRegistry AddActivity<T>()
        where T : class, ITaskActivity =>
        AddActivity(typeof(T).Name, sp => Microsoft.Extensions.DependencyInjection.ActivatorUtilities.CreateInstance<T>(sp));

    /// <summary>Registers an activity factory under <paramref name="name"/>.</summary>
    public DurableTaskRegistry AddActivity(TaskName name, Func<IServiceProvider, ITaskActivity> factory)
    {
        ArgumentNullException.ThrowIfNull(factory);
        if (!activities.TryAdd(name, factory))
        {
            throw new ArgumentException($"An activity named '{name}' is already registered.", nameof(name));
        }

        return this;
    }

    /// <summary>Registers a lambda activity.</summary>
    public DurableTaskRegistry AddActivityFunc<TInput, TOutput>(TaskName name, Func<TaskActivityContext, TInput, Task<TOutput>> func)
    {
        ArgumentNullException.ThrowIfNull(func);
        return AddActivity(name, _ => new FuncActivity<TInput, TOutput>(func));
    }

    /// <summary>Looks up an orchestrator factory.</summary>
    public bool TryGetOrchestrator(TaskName name, out Func<IServiceProvider, ITaskOrchestrator> factory) =>
        orchestrators.TryGetValue(name, out factory!);

    /// <summary>Looks up an activity factory.</summary>
    public bool TryGetActivity(TaskName name, out Func<IServiceProvider, ITaskActivity> factory) =>
        activities.TryGetValue(name, out factory!);

    private sealed class FuncOrchestrator<TInput, TOutput>(Func<TaskOrchestrationContext, TInput, Task<TOutput>> func)
        : TaskOrchestrator<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskOrchestrationContext context, TInput input) => func(context, input);
    }

    private sealed class FuncActivity<TInput, TOutput>(Func<TaskActivityContext, TInput, Task<TOutput>> func)
        : TaskActivity<TInput, TOutput>
    {
        public override Task<TOutput> RunAsync(TaskActivityContext context, TInput input) => func(context, input);
    }
}
