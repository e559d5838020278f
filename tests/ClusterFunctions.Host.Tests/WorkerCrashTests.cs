using System.Diagnostics;
using System.Net;
using System.Text.Json;

namespace ClusterFunctions.Host.Tests;

public sealed class WorkerCrashTests
{
    [Fact]
    public async Task WorkerDyingInsideAnActivity_IsReplaced_AndTheFanOutStillCompletes()
    {
        using var state = new TemporaryDirectory();
        using var markers = new TemporaryDirectory();
        await using LocalFunctionsHost host = await TestAppHost.StartAsync(state.Path,
            new Dictionary<string, string> { ["TestApp__CrashMarkerDirectory"] = markers.Path });
        using HttpClient client = TestAppHost.Client(host);
        int firstWorker = await host.GetWorkerProcessIdAsync();

        JsonElement status = await TestAppHost.RunFanOutAsync(host, client, "6?crashAt=4", TimeSpan.FromSeconds(90));

        Assert.True(File.Exists(Path.Combine(markers.Path, "square-4")), "the activity never crashed the worker");
        Assert.NotEqual(firstWorker, await host.GetWorkerProcessIdAsync());
        Assert.Equal("Completed", status.GetProperty("runtimeStatus").GetString());
        Assert.Equal(91, status.GetProperty("output").GetProperty("Sum").GetInt32()); // 1² + … + 6²
    }

    [Fact]
    public async Task WorkerDyingDuringARequest_Answers500_AndTheNextRequestReachesANewWorker()
    {
        using var state = new TemporaryDirectory();
        await using LocalFunctionsHost host = await TestAppHost.StartAsync(state.Path);
        using HttpClient client = TestAppHost.Client(host);
        int firstWorker = await host.GetWorkerProcessIdAsync();

        using HttpResponseMessage crashed = await client.PostAsync("api/crash", null);
        Assert.Equal(HttpStatusCode.InternalServerError, crashed.StatusCode);

        using HttpResponseMessage next = await client.GetAsync("api/status/200");
        Assert.Equal(HttpStatusCode.OK, next.StatusCode);
        Assert.NotEqual(firstWorker, await host.GetWorkerProcessIdAsync());
    }

    [Fact]
    public async Task Stopping_TheHost_LeavesNoWorkerBehind()
    {
        using var state = new TemporaryDirectory();
        LocalFunctionsHost host = await TestAppHost.StartAsync(state.Path);
        int worker = await host.GetWorkerProcessIdAsync();

        await host.DisposeAsync();

        Assert.False(IsRunning(worker), $"worker {worker} still runs after the host stopped");
    }

    private static bool IsRunning(int processId)
    {
        try
        {
            using Process process = Process.GetProcessById(processId);
            return !process.HasExited;
        }
        catch (ArgumentException)
        {
            return false;
        }
    }
}
