using System.Text.Json;
using Azure.Data.Tables;

namespace ClusterFunctions.Host.Tests;

/// <summary>Two hosts on one machine, one storage and one task hub: what a scaled-out app looks like locally.</summary>
public sealed class SharedTaskHubTests
{
    private const string TaskHub = "SharedHubTest";

    [Fact]
    public async Task TwoHostsOnOneTaskHub_LeasePartitionsUnderTheirOwnWorkerIds_AndBothFinishWork()
    {
        using var firstState = new TemporaryDirectory();
        using var secondState = new TemporaryDirectory();
        var settings = new Dictionary<string, string> { ["TASKHUB_NAME"] = TaskHub };
        await using LocalFunctionsHost first = await TestAppHost.StartAsync(firstState.Path, settings);
        await using LocalFunctionsHost second = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = TestAppHost.AppDirectory,
            Port = 0,
            StateDirectory = secondState.Path,
            AzureWebJobsStorage = await TestStorage.ConnectionStringAsync(),
            AppSettings = settings,
        });

        // The provider balances leases every 10 s; with one worker id for both hosts there would only ever be one owner.
        var partitions = new TableClient(await TestStorage.ConnectionStringAsync(), TaskHub + "Partitions");
        string[] owners = [];
        DateTime deadline = DateTime.UtcNow.AddSeconds(90);
        while (owners.Length < 2 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(500);
            var seen = new HashSet<string>();
            await foreach (TableEntity row in partitions.QueryAsync<TableEntity>())
            {
                if (row.GetString("CurrentOwner") is { Length: > 0 } owner)
                {
                    seen.Add(owner);
                }
            }

            owners = [.. seen];
        }

        Assert.True(owners.Length == 2, $"partition owners after 90 s: {string.Join(", ", owners)}");
        Assert.All(owners, owner => Assert.StartsWith($"local:{Environment.MachineName}-", owner));
        // The deadline outlasts the test app's 1 min controlQueueVisibilityTimeout on purpose. The engine
        // (DurableTask.AzureStorage 2.11.2 and 2.11.3, TablePartitionManager) starts listening again on a partition
        // it has just drained and released, and drops that listener a loop later; a message it dequeued in that
        // second stays invisible until the visibility timeout, and the fan-outs start right at that handover.
        TimeSpan fanOutDeadline = TimeSpan.FromMinutes(1) + TimeSpan.FromSeconds(60);
        using HttpClient firstClient = TestAppHost.Client(first);
        using HttpClient secondClient = TestAppHost.Client(second);
        JsonElement[] runs = await Task.WhenAll(
            TestAppHost.RunFanOutAsync(first, firstClient, "20", fanOutDeadline),
            TestAppHost.RunFanOutAsync(second, secondClient, "20", fanOutDeadline));
        Assert.All(runs, run => Assert.Equal(2870, run.GetProperty("output").GetProperty("Sum").GetInt32())); // 1² + … + 20²
    }
}
