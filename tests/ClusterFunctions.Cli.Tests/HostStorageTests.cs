using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Tests;

/// <summary>The CLI's host runs on the user's own storage when AzureWebJobsStorage names one, and starts no Azurite then.</summary>
public sealed class HostStorageTests
{
    [Theory]
    [InlineData("UseDevelopmentStorage=true")]
    [InlineData("DefaultEndpointsProtocol=https;AccountName=mine;AccountKey=a2V5;EndpointSuffix=core.windows.net")]
    public async Task StorageGiven_IsUsedAsItIs_AndNoAzuriteIsStarted(string given)
    {
        await using var storage = await HostStorage.StartAsync(dataDirectory: null, given);

        Assert.Equal(given, storage.ConnectionString);
        Assert.False(storage.StartedAzurite);
    }

    [Fact]
    public async Task NoStorageGiven_StartsAnAzuriteOnLoopback()
    {
        await using var storage = await HostStorage.StartAsync(dataDirectory: null, given: "");

        Assert.True(storage.StartedAzurite);
        Assert.Contains("127.0.0.1", storage.ConnectionString, StringComparison.Ordinal);
    }
}
