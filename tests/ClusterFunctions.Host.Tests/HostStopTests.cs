using ClusterFunctions.Azurite;
using ClusterFunctions.Host.Engine;

namespace ClusterFunctions.Host.Tests;

public class HostStopTests
{
    [Fact]
    public async Task StorageGone_TheHostStillStops_WithinTheEngineStopTimeout()
    {
        using var state = new TemporaryDirectory();
        var azurite = await AzuriteServer.StartAsync(dataDirectory: null);
        LocalFunctionsHost host = await TestAppHost.StartAsync(state.Path, storage: azurite.ConnectionString);
        using (HttpClient client = TestAppHost.Client(host))
        {
            // An orchestration that ran means the engine holds its partitions' leases.
            Assert.Equal("Completed", (await TestAppHost.RunFanOutAsync(host, client, "2", TimeSpan.FromSeconds(60))).GetProperty("runtimeStatus").GetString());
        }

        // The storage goes while the host runs: the storage provider can then release none of its partition leases,
        // and on its own it waits 10 min for them before the engine's stop returns.
        await azurite.DisposeAsync();
        // A deadline, not a measurement: the front's and the worker's own stops come on top of the engine's timeout.
        await host.DisposeAsync().AsTask().WaitAsync(DurableEngine.StopTimeout + TimeSpan.FromMinutes(1));
    }
}
