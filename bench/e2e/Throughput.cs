using System.Diagnostics;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Bench.E2e;

/// <summary>Many developer clusters at once through the whole pipeline with no simulated latency.</summary>
internal static class Throughput
{
    /// <param name="Cpu">CPU time each process used while the clusters were built.</param>
    public sealed record Result(double ClustersPerSecond, double P50Ms, double P99Ms, double TotalSeconds, ProcessCpu Cpu);

    public static async Task<Result> RunAsync(string catalog, int count)
    {
        await using var app = await BenchApp.StartAsync(catalog, TimeSpan.Zero, TimeSpan.Zero, TimeSpan.FromMilliseconds(100));
        await app.BuildAsync(new ClusterRequest("warm-up", "warm-up", "developer"));

        var cpuBefore = await app.ProcessCpuAsync();
        var started = Stopwatch.GetTimestamp();
        var durations = await Task.WhenAll(Enumerable.Range(0, count).Select(i => app.BuildAsync(new ClusterRequest($"bench-{i}", $"bench-{i}", "developer"))));
        var total = Stopwatch.GetElapsedTime(started).TotalSeconds;
        var cpu = await app.ProcessCpuAsync() - cpuBefore;
        var sorted = durations.Select(d => d.TotalMilliseconds).Order().ToArray();
        return new Result(count / total, Percentile(sorted, 0.50), Percentile(sorted, 0.99), total, cpu);
    }

    private static double Percentile(double[] sorted, double p) => sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
}
