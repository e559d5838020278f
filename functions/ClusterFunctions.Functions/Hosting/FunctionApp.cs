using ClusterFunctions.Durable.Http;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.Functions.Status;
using ClusterFunctions.Functions.Triggers;
using ClusterFunctions.LocalCloud;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>
/// The running function app: HTTP triggers and the Durable management API on Kestrel, the queue
/// trigger, the durable worker and the event publisher. With <c>LocalCloud:Mode=embedded</c> (the
/// default when no Service Bus connection is configured) it first starts LocalCloud in-process.
/// </summary>
public sealed class FunctionApp : IAsyncDisposable
{
    private FunctionApp(WebApplication app, LocalCloudHost? localCloud)
    {
        App = app;
        LocalCloud = localCloud;
        var addresses = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses;
        BaseAddress = new Uri(addresses.First());
    }

    public WebApplication App { get; }

    public LocalCloudHost? LocalCloud { get; }

    public Uri BaseAddress { get; }

    public IServiceProvider Services => App.Services;

    public static async Task<FunctionApp> StartAsync(FunctionAppOptions options, CancellationToken cancellationToken = default)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = options.Args, ContentRootPath = options.ContentRoot });
        builder.Configuration.AddFunctionsFiles(options.ContentRoot);
        builder.Configuration.AddInMemoryCollection(options.Settings);
        options.ConfigureLogging?.Invoke(builder.Logging);

        LocalCloudHost? localCloud = null;
        if (IsEmbedded(builder.Configuration))
        {
            localCloud = await LocalCloudHost.StartAsync(LocalCloudSettings.Read(builder.Configuration), cancellationToken: cancellationToken);
            builder.Configuration.AddInMemoryCollection(localCloud.HostSettings().ToDictionary(p => p.Key, p => (string?)p.Value));
        }

        builder.WebHost.UseUrls(options.Url ?? $"http://127.0.0.1:{builder.Configuration["Host:LocalHttpPort"] ?? "7071"}");
        builder.Services.Configure<HostOptions>(o => o.ShutdownTimeout = TimeSpan.FromSeconds(30));
        builder.Services.AddClusterFunctions(builder.Configuration, options.ContentRoot);
        builder.Services.AddSingleton<ClusterStatusReader>();
        builder.Services.AddSingleton<HealthCheck>();
        builder.Services.AddSingleton<CreateClusterHttpTrigger>();
        builder.Services.AddSingleton<GetClusterHttpTrigger>();
        builder.Services.AddSingleton<ListClustersHttpTrigger>();
        builder.Services.AddSingleton<DeleteClusterHttpTrigger>();
        builder.Services.AddSingleton<CreatePlanHttpTrigger>();
        builder.Services.AddSingleton<ListProfilesHttpTrigger>();
        builder.Services.AddSingleton<ApproveClusterHttpTrigger>();

        builder.Services.AddClusterFunctionsSecurity(builder.Configuration);
        builder.Services.AddPerCallerRateLimiting(builder.Configuration);
        options.ConfigureServices?.Invoke(builder.Services);

        var app = builder.Build();
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.MapGet("/health/live", () => Results.Ok(new { status = "Healthy" }));
        app.MapGet("/health/ready", (HealthCheck check) => check.Run()).WithName("ready");

        // Every other route needs a caller: a function key or, when configured, an Entra ID token.
        var secured = app.MapGroup("")
            .RequireAuthorization(SecurityServiceCollectionExtensions.CallerPolicy)
            .RequireRateLimiting(RateLimitingServiceCollectionExtensions.PerCallerPolicy);
        CreateClusterHttpTrigger.Map(secured);
        ListClustersHttpTrigger.Map(secured);
        GetClusterHttpTrigger.Map(secured);
        DeleteClusterHttpTrigger.Map(secured);
        CreatePlanHttpTrigger.Map(secured);
        ListProfilesHttpTrigger.Map(secured);
        ApproveClusterHttpTrigger.Map(secured);
        secured.MapDurableTaskHttpApi();
        try
        {
            await app.StartAsync(cancellationToken);
        }
        catch
        {
            if (localCloud is not null)
            {
                await localCloud.DisposeAsync();
            }

            throw;
        }

        return new FunctionApp(app, localCloud);
    }

    /// <summary>Embedded unless told otherwise, or unless a real Service Bus is configured.</summary>
    public static bool IsEmbedded(IConfiguration configuration) =>
        configuration["LocalCloud:Mode"] is { Length: > 0 } mode
            ? mode.Equals("embedded", StringComparison.OrdinalIgnoreCase)
            : string.IsNullOrEmpty(configuration["ServiceBusConnection"]) && string.IsNullOrEmpty(configuration["ServiceBusConnection:fullyQualifiedNamespace"]);

    public Task WaitForShutdownAsync(CancellationToken cancellationToken = default) => App.WaitForShutdownAsync(cancellationToken);

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
        if (LocalCloud is not null)
        {
            await LocalCloud.DisposeAsync();
        }
    }
}
