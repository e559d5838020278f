using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.DependencyInjection;
using ClusterFunctions.Durable.Worker;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Durable.Tests;

/// <summary>A real host with the SQLite backend in a temporary file, started the way the function app starts it.</summary>
internal sealed class DurableTestHost : IAsyncDisposable
{
    private readonly IHost host;

    private readonly bool ownsDatabase;

    private DurableTestHost(IHost host, string databasePath, bool ownsDatabase)
    {
        this.host = host;
        this.ownsDatabase = ownsDatabase;
        DatabasePath = databasePath;
    }

    public string DatabasePath { get; }

    public IServiceProvider Services => host.Services;

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public DurableTaskWorker Worker => host.Services.GetRequiredService<DurableTaskWorker>();

    public static string NewDatabasePath() => Path.Combine(Path.GetTempPath(), "cf-durable-tests", $"{Guid.NewGuid():N}.db");

    public static async Task<DurableTestHost> StartAsync(
        Action<DurableTaskBuilder> configure,
        FakeTimeProvider? clock = null,
        string? databasePath = null,
        Action<DurableTaskWorkerOptions>? worker = null,
        Action<IServiceCollection>? services = null,
        bool? ownsDatabase = null)
    {
        var path = databasePath ?? NewDatabasePath();
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Logging.AddProvider(TestLog.Provider);
        if (clock is not null)
        {
            builder.Services.AddSingleton<TimeProvider>(clock);
        }

        services?.Invoke(builder.Services);
        builder.Services.AddDurableTask(b =>
        {
            b.UseSqlite(path);
            b.ConfigureWorker(o =>
            {
                o.AbandonBackoff = TimeSpan.FromMilliseconds(1);
                worker?.Invoke(o);
            });
            configure(b);
        });
        var host = builder.Build();
        await host.StartAsync();
        return new DurableTestHost(host, path, ownsDatabase ?? databasePath is null);
    }

    public static async Task WaitUntilAsync(Func<Task<bool>> condition, string what)
    {
        // A guard against hangs, not a timing assumption: the condition is re-checked until it holds.
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (!await condition())
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"Timed out waiting until {what}.");
            }

            await Task.Delay(5);
        }
    }

    public async Task<OrchestrationMetadata> RunAsync(TaskName name, object? input = null, string? instanceId = null)
    {
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input, new StartOrchestrationOptions(instanceId));
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        return await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true, guard.Token);
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        if (!ownsDatabase)
        {
            return;
        }

        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            try
            {
                File.Delete(DatabasePath + suffix);
            }
            catch (IOException)
            {
            }
        }
    }
}
