using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Activities;
using Microsoft.Extensions.Time.Testing;

namespace ClusterFunctions.Functions.Tests;

public class ClusterConnectionsTests
{
    private static readonly InfrastructureRequest Build = Request("request-1");

    [Fact]
    public async Task TheStepsOfABuild_AskArmOnce_EvenWhenALevelsBundlesStartTogether()
    {
        var arm = new CountingInfrastructure();
        var connections = new ClusterConnections(arm, new FakeTimeProvider());

        await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => connections.UseAsync(Build, ServerOf, CancellationToken.None)));
        await connections.UseAsync(Build, ServerOf, CancellationToken.None);

        Assert.Equal(1, arm.Connects);
    }

    [Fact]
    public async Task Credentials_AreAskedForAgain_OnceTheirLifetimeHasPassed()
    {
        var arm = new CountingInfrastructure();
        var time = new FakeTimeProvider();
        var connections = new ClusterConnections(arm, time);

        await connections.UseAsync(Build, ServerOf, CancellationToken.None);
        time.Advance(ClusterConnections.Lifetime);
        await connections.UseAsync(Build, ServerOf, CancellationToken.None);

        Assert.Equal(2, arm.Connects);
    }

    [Fact]
    public async Task ACallThatFails_DropsTheCredentials_SoItsRetryAsksArmAgain()
    {
        var arm = new CountingInfrastructure();
        var connections = new ClusterConnections(arm, new FakeTimeProvider());

        await Assert.ThrowsAsync<HttpRequestException>(() => connections.UseAsync<string>(Build, _ => throw new HttpRequestException("handshake refused"), CancellationToken.None));
        await connections.UseAsync(Build, ServerOf, CancellationToken.None);

        Assert.Equal(2, arm.Connects);
    }

    [Fact]
    public async Task AnotherRequest_ForTheSameCluster_IsCheckedByArmOfItsOwn()
    {
        var arm = new CountingInfrastructure();
        var connections = new ClusterConnections(arm, new FakeTimeProvider());

        await connections.UseAsync(Build, ServerOf, CancellationToken.None);
        await connections.UseAsync(Request("request-2"), ServerOf, CancellationToken.None);

        Assert.Equal(2, arm.Connects);
    }

    [Fact]
    public async Task EachCall_GetsAConnectionOfItsOwn_ClearedWhenTheCallEnds()
    {
        var connections = new ClusterConnections(new CountingInfrastructure(), new FakeTimeProvider());
        ClusterConnection? used = null;

        await connections.UseAsync(Build, connection => Task.FromResult(used = connection), CancellationToken.None);
        string server = await connections.UseAsync(Build, ServerOf, CancellationToken.None);

        Assert.Throws<ObjectDisposedException>(() => used!.OpenKubeconfig());
        Assert.Equal("https://cluster.test/", server);
    }

    private static Task<string> ServerOf(ClusterConnection connection)
    {
        using var kubeconfig = connection.OpenKubeconfig();
        return Task.FromResult(connection.Server.ToString());
    }

    private static InfrastructureRequest Request(string requestId) => new(requestId, new InfrastructurePlan(InfrastructureProviders.Aks,
        new AksClusterPlan("sub", "rg", "southeastasia", "c1", "2025-01-01", "/subscriptions/sub/resourceGroups/rg/providers/Microsoft.ContainerService/managedClusters/c1", "{}", []), null));

    /// <summary>Answers ConnectAsync with a new connection each time, after a yield (as ARM's round trip would), and counts the calls.</summary>
    private sealed class CountingInfrastructure : IClusterInfrastructure
    {
        private int connects;

        public int Connects => connects;

        public async Task<ClusterConnection> ConnectAsync(InfrastructureRequest request, CancellationToken cancellationToken = default)
        {
            Interlocked.Increment(ref connects);
            await Task.Yield();
            return new ClusterConnection("kubeconfig"u8, null, new Uri("https://cluster.test/"));
        }

        public Task<InfrastructureStartResult> BeginCreateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<InfrastructureState> GetStateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<InfrastructureStartResult> BeginUpdateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();

        public Task<InfrastructureStartResult> BeginNodePoolUpgradeAsync(InfrastructureRequest request, string nodePool, CancellationToken cancellationToken = default) =>
            throw new NotSupportedException();

        public Task<InfrastructureDeleteResult> BeginDeleteAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) => throw new NotSupportedException();
    }
}
