using ClusterFunctions.Azurite;
using ClusterFunctions.Tests.Shared.Diagnostics;

namespace ClusterFunctions.Host.Tests;

/// <summary>
/// The storage account of the test run: one in-memory Azurite that every host here uses, each on a task hub of its
/// own unless a test shares one on purpose (apps that share a storage account keep apart the same way). The host
/// starts no Azurite, as <c>func start</c> does not; this one dies with the test process.
/// </summary>
public static class TestStorage
{
    private static readonly Lazy<Task<AzuriteServer>> Azurite = new(TestAzurite.StartAsync);

    public static async Task<string> ConnectionStringAsync() => (await Azurite.Value).ConnectionString;

    /// <summary>A task hub name no other host in this run uses.</summary>
    public static string NewTaskHub() => "HostTest" + Guid.NewGuid().ToString("N")[..12];
}
