using System.Diagnostics;
using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.DependencyInjection;
using ClusterFunctions.Durable.Sqlite;
using ClusterFunctions.Durable.Storage;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Bench.Durable;

/// <summary>The runtime as an app would host it, with the benchmark's orchestrators and a fresh database.</summary>
internal sealed class BenchHost : IAsyncDisposable
{
    private readonly IHost host;

    private BenchHost(IHost host, string path)
    {
        this.host = host;
        DatabasePath = path;
    }

    public string DatabasePath { get; }

    public DurableTaskClient Client => host.Services.GetRequiredService<DurableTaskClient>();

    public long Commits => ((SqliteOrchestrationStore)host.Services.GetRequiredService<IOrchestrationStore>()).CommittedTransactions;

    /// <summary>Stopwatch timestamp at which the latency probe's first activity started.</summary>
    public static long ProbeStarted { get; set; }

    public static async Task<BenchHost> StartAsync(string directory)
    {
        var path = Path.Combine(directory, $"bench-{Guid.NewGuid():N}.db");
        var builder = Host.CreateApplicationBuilder();
        builder.Logging.ClearProviders();
        builder.Services.AddDurableTask(b => b
            .UseSqlite(path)
            .AddActivityFunc<int, int>("Work", (_, x) => Task.FromResult(x + 1))
            .AddActivityFunc<int, int>("Probe", (_, x) =>
            {
                ProbeStarted = Stopwatch.GetTimestamp();
                return Task.FromResult(x);
            })
            .AddOrchestratorFunc<int, int>("Sequence", async (ctx, n) =>
            {
                var x = 0;
                for (var i = 0; i < n; i++)
                {
                    x = await ctx.CallActivityAsync<int>("Work", x);
                }

                return x;
            })
            .AddOrchestratorFunc<int, int>("FanOut", async (ctx, n) =>
                (await Task.WhenAll(Enumerable.Range(0, n).Select(i => ctx.CallActivityAsync<int>("Work", i)))).Sum())
            .AddOrchestratorFunc<int, int>("ProbeOrchestrator", (ctx, x) => ctx.CallActivityAsync<int>("Probe", x)));
        var host = builder.Build();
        await host.StartAsync();
        return new BenchHost(host, path);
    }

    public async Task<TimeSpan> RunAsync(string name, int input, int expectedOutput)
    {
        var started = Stopwatch.GetTimestamp();
        var id = await Client.ScheduleNewOrchestrationInstanceAsync(name, input);
        var done = await Client.WaitForInstanceCompletionAsync(id, getInputsAndOutputs: true);
        var elapsed = Stopwatch.GetElapsedTime(started);
        if (done.RuntimeStatus != ClusterFunctions.Durable.OrchestrationRuntimeStatus.Completed || done.ReadOutputAs<int>() != expectedOutput)
        {
            // A fast wrong answer is not a result: every measured run is checked.
            throw new InvalidOperationException($"{name}({input}) ended {done.RuntimeStatus} with {done.SerializedOutput}, expected {expectedOutput}: {done.FailureDetails}");
        }

        return elapsed;
    }

    public async ValueTask DisposeAsync()
    {
        await host.StopAsync();
        host.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        foreach (var suffix in (string[])["", "-wal", "-shm"])
        {
            File.Delete(DatabasePath + suffix);
        }
    }
}
