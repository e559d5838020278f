using ClusterFunctions.Azurite;
using ClusterFunctions.Host;
using ClusterFunctions.LocalCloud;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Tests;

/// <summary>The app under its host, its storage, and the LocalCloud it builds on (null when the test runs its own).</summary>
public sealed class RunningApp(LocalFunctionsHost host, AzuriteServer storage, LocalCloudHost? localCloud, ILoggerFactory loggerFactory) : IAsyncDisposable
{
    public LocalFunctionsHost Host { get; } = host;

    /// <summary>The app's AzureWebJobsStorage: the task hub and the ledger live there.</summary>
    public string StorageConnectionString => storage.ConnectionString;

    public LocalCloudHost? LocalCloud { get; } = localCloud;

    public Uri BaseAddress => Host.BaseUrl;

    /// <summary>A client for the Durable management API, with the host's system key (what an operator holds).</summary>
    public HttpClient ManagementClient()
    {
        var client = new HttpClient { BaseAddress = BaseAddress };
        client.DefaultRequestHeaders.Add("x-functions-key", Host.Keys.DurableSystemKey);
        return client;
    }

    private bool disposed;

    /// <summary>Stops the app, then its storage and the cloud; a second call does nothing (tests stop early to flush what the worker wrote).</summary>
    public async ValueTask DisposeAsync()
    {
        if (disposed)
        {
            return;
        }

        disposed = true;
        await Host.DisposeAsync();
        await storage.DisposeAsync();
        loggerFactory.Dispose();
        if (LocalCloud is not null)
        {
            await LocalCloud.DisposeAsync();
        }
    }
}
