using ClusterFunctions.Durable.Client;
using ClusterFunctions.Durable.DependencyInjection;
using ClusterFunctions.Durable.Http;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Durable.Tests.Http;

/// <summary>A Kestrel app on 127.0.0.1:0 with the management API and an HTTP trigger that answers with the check-status response.</summary>
internal sealed class HttpApiHost : IAsyncDisposable
{
    private readonly WebApplication app;
    private readonly string databasePath;

    private HttpApiHost(WebApplication app, string databasePath, Uri baseAddress)
    {
        this.app = app;
        this.databasePath = databasePath;
        Http = new HttpClient { BaseAddress = baseAddress };
    }

    public HttpClient Http { get; }

    public DurableTaskClient Client => app.Services.GetRequiredService<DurableTaskClient>();

    public static async Task<HttpApiHost> StartAsync(Action<DurableTaskBuilder> configure)
    {
        var path = DurableTestHost.NewDatabasePath();
        var builder = WebApplication.CreateBuilder();
        builder.Logging.ClearProviders();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddDurableTask(b =>
        {
            b.UseSqlite(path);
            configure(b);
        });
        var app = builder.Build();
        app.MapDurableTaskHttpApi();
        app.MapPost("/api/start/{name}", async (HttpRequest request, DurableTaskClient client, string name) =>
        {
            var id = await client.ScheduleNewOrchestrationInstanceAsync(name, 21);
            return client.CreateCheckStatusResponse(request, id);
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new HttpApiHost(app, path, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await app.StopAsync();
        await app.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        File.Delete(databasePath);
    }
}
