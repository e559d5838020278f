using System.Text.Json;
using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.History;
using Microsoft.Data.Sqlite;
using Xunit.Abstractions;

namespace ClusterFunctions.Durable.Tests.Crash;

public sealed class CrashTests(ITestOutputHelper output)
{
    private const int Orchestrations = 200;
    private const int Width = 5;

    [Fact]
    public async Task Workers_KilledWithSigkillAtRandomMoments_EveryOrchestrationCompletesAndNoCommittedResultIsLost()
    {
        var path = DurableTestHost.NewDatabasePath();
        var log = path + ".executions";
        var killed = new HashSet<int>();
        var workers = new[] { WorkerProcess.Start(path, log), WorkerProcess.Start(path, log) };
        try
        {
            await using var client = await DurableTestHost.StartAsync(b => b.RunWorker = false, databasePath: path, ownsDatabase: true);
            var ids = new List<string>();
            for (var i = 0; i < Orchestrations; i++)
            {
                ids.Add(await client.Client.ScheduleNewOrchestrationInstanceAsync(
                    "CrashFanOutOrchestrator", new { index = i, width = Width }, new StartOrchestrationOptions($"crash-{i:D3}")));
            }

            // Kill a random worker at random moments while work is in flight, restarting it each time.
            var random = new Random();
            for (var kill = 0; kill < 8; kill++)
            {
                await Task.Delay(random.Next(300, 1300));
                var victim = random.Next(workers.Length);
                killed.Add(workers[victim].Id);
                workers[victim].Kill();
                workers[victim].Dispose();
                workers[victim] = WorkerProcess.Start(path, log);
            }

            using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(90));
            var outputs = new Dictionary<string, CrashOutput>();
            foreach (var id in ids)
            {
                var done = await client.Client.WaitForInstanceCompletionAsync(id, true, guard.Token);
                Assert.True(done.RuntimeStatus == OrchestrationRuntimeStatus.Completed, $"{id} ended {done.RuntimeStatus}: {done.FailureDetails}");
                outputs[id] = done.ReadOutputAs<CrashOutput>()!;
            }

            await AssertOutputsAndExecutionsAsync(client.Client, outputs, log, killed, output);
            AssertQueuesDrained(path);
        }
        finally
        {
            foreach (var worker in workers)
            {
                worker.Dispose();
            }

            foreach (var file in Directory.GetFiles(Path.GetDirectoryName(log)!, Path.GetFileName(log) + ".*"))
            {
                File.Delete(file);
            }
        }
    }

    private static async Task AssertOutputsAndExecutionsAsync(
        DurableTaskClient client, Dictionary<string, CrashOutput> outputs, string logPath, HashSet<int> killed, ITestOutputHelper output)
    {
        var lines = Directory.GetFiles(Path.GetDirectoryName(logPath)!, Path.GetFileName(logPath) + ".*")
            .SelectMany(File.ReadAllLines)
            .Select(l => l.Split(' '))
            .Select(p => (Kind: p[0], Pid: int.Parse(p[1], System.Globalization.CultureInfo.InvariantCulture), Instance: p[2], Task: int.Parse(p[3], System.Globalization.CultureInfo.InvariantCulture), Nonce: p[4], At: long.Parse(p[5], System.Globalization.CultureInfo.InvariantCulture)))
            .OrderBy(l => l.At)
            .ToList();
        var executions = lines.Where(l => l.Kind == "F").ToList();
        var started = lines.Where(l => l.Kind == "S").ToList();
        var interrupted = started.Count - executions.Count;
        var repeats = executions.Count - (outputs.Count * (Width + 1));
        output.WriteLine(
            $"{started.Count} activity starts, {executions.Count} finished, {interrupted} interrupted by SIGKILL, " +
            $"{repeats} finished but re-run because the kill came before the commit; {killed.Count} kills");

        // The kills landed while activities were running, not in idle moments.
        Assert.True(interrupted > 0, "no activity was interrupted; the kills did not hit running work");
        foreach (var (id, orchestrationOutput) in outputs)
        {
            var index = int.Parse(id["crash-".Length..], System.Globalization.CultureInfo.InvariantCulture);
            Assert.Equal(Enumerable.Range(0, Width + 1).Sum(t => (index * 1000L) + t), orchestrationOutput.Sum);
            Assert.Equal(Enumerable.Range(0, Width + 1), orchestrationOutput.Results.Select(r => r.Task).Order());
            foreach (var result in orchestrationOutput.Results)
            {
                var runs = executions.Where(e => e.Instance == id && e.Task == result.Task).ToList();

                // The result the orchestration used came from the last execution: once a result was committed the
                // task never ran again, so no committed result was lost or replaced.
                Assert.Equal(result.Nonce, runs[^1].Nonce);

                // Earlier executions exist only where their process was killed before the result was committed.
                Assert.All(runs.SkipLast(1), r => Assert.Contains(r.Pid, killed));
            }

            var history = await client.GetOrchestrationHistoryAsync(id);
            var completions = history.Where(e => e.EventType == EventType.TaskCompleted).Select(e => e.TaskScheduledId).ToList();
            Assert.Equal(Width + 1, completions.Count);
            Assert.Equal(completions.Count, completions.Distinct().Count());
        }
    }

    private static void AssertQueuesDrained(string path)
    {
        using var connection = new SqliteConnection($"Data Source={path}");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT (SELECT COUNT(*) FROM NewTasks) + (SELECT COUNT(*) FROM NewEvents)";
        Assert.Equal(0L, (long)command.ExecuteScalar()!);
    }

    private sealed record CrashOutput(long Sum, IReadOnlyList<CrashWorkResult> Results);

    private sealed record CrashWorkResult(int Task, long Value, string Nonce);
}
