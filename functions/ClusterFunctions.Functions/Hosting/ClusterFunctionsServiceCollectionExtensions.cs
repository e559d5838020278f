using Azure.Core;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Azure;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Catalog;
using ClusterFunctions.Functions.Ledger;
using ClusterFunctions.Functions.Reconcile;
using ClusterFunctions.Functions.Rollout;
using ClusterFunctions.Functions.Security;
using ClusterFunctions.Functions.Telemetry;
using ClusterFunctions.Functions.Status;
using ClusterFunctions.Functions.Triggers;
using ClusterFunctions.Kubernetes.Apply;
using ClusterFunctions.Kubernetes.Readiness;
using ClusterFunctions.Messaging.Events;
using ClusterFunctions.Worker.Extensions.ServiceBus;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>The one registration of the app's services and adapters; the functions themselves are found by the worker.</summary>
public static class ClusterFunctionsServiceCollectionExtensions
{
    public static IServiceCollection AddClusterFunctions(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<BuildOptions>().BindConfiguration("Build").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<BuildOptions>>(new KnownSettingsValidator<BuildOptions>(configuration, "Build"));
        services.AddOptions<MessagingOptions>().BindConfiguration("ServiceBus");
        // A misspelt limit must not fall back to the default quietly: unknown keys fail the start.
        services.AddOptions<LimitsOptions>().BindConfiguration("Limits").ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<LimitsOptions>>(new KnownSettingsValidator<LimitsOptions>(configuration, "Limits"));
        services.AddOptions<GitCatalogOptions>().BindConfiguration(GitCatalogOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddSingleton<IValidateOptions<GitCatalogOptions>>(new KnownSettingsValidator<GitCatalogOptions>(configuration, GitCatalogOptions.Section));
        services.AddSingleton<IValidateOptions<GitCatalogOptions>, GitCatalogOptionsValidator>();
        services.AddSingleton<CatalogSource>();
        services.AddHostedService<CatalogPoller>();
        services.AddSingleton(_ => LedgerContainer.FromConfiguration(configuration));
        services.AddSingleton<RequestClaims>();
        services.AddSingleton<BuildQuota>();
        services.AddSingleton<ClusterRecords>();
        services.AddSingleton<RouteSignatures>();
        services.AddSingleton<ClusterAccess>();
        services.AddSingleton<UpgradeTargets>();
        services.AddSingleton<ClusterConnections>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddSingleton<ClusterCommandDecoder>();
        services.AddSingleton<HealthCheck>();

        // Per invocation: the Durable client is the one the host bound for this call (see DurableClientScope).
        services.AddScoped<DurableClientScope>();
        services.AddScoped(sp => sp.GetRequiredService<DurableClientScope>().Required);
        services.AddScoped<ClusterBuildScheduler>();
        services.AddScoped<BuildApprovals>();
        services.AddScoped<BuildCancellations>();
        services.AddScoped<ClusterExpiries>();
        services.AddScoped<ReconcileLoops>();
        services.AddScoped<ClusterDriftCheck>();
        services.AddScoped<TerminatedBuildsAnnouncer>();
        services.AddScoped<ClusterStatusReader>();
        services.AddScoped<ProfileUpgrades>();
        services.AddScoped<CatalogRollouts>();
        services.AddScoped<TraceParents>();
        services.AddScoped<FinishedStatusWait>();
        services.AddSingleton<KnownTraceParents>();

        var emulatorCertificate = configuration["Azure:ResourceManagerCertificatePem"] is { Length: > 0 } inline
            ? inline
            : configuration["Azure:ResourceManagerCertificatePath"] is { Length: > 0 } certificatePath ? File.ReadAllText(certificatePath) : null;
        if (emulatorCertificate is not null)
        {
            // Embedded mode: the ARM emulator takes any bearer token and must not see a real one.
            services.AddSingleton<TokenCredential, LocalCloudCredential>();
        }

        services.AddClusterInfrastructure(o =>
        {
            if (configuration["Azure:ResourceManagerEndpoint"] is { Length: > 0 } endpoint)
            {
                o.ResourceManagerEndpoint = new Uri(endpoint);
            }

            if (emulatorCertificate is not null)
            {
                o.Transport = PinnedCertificateTransport.Create(emulatorCertificate);
                o.RetryDelay = TimeSpan.FromMilliseconds(200);
            }
        });
        services.AddSingleton<ManifestApplier>();
        services.AddSingleton<IManifestApplier>(sp => sp.GetRequiredService<ManifestApplier>());
        services.AddSingleton<IDriftChecker>(sp => sp.GetRequiredService<ManifestApplier>());
        services.AddSingleton<IReadinessProbe, WorkloadReadinessProbe>();

        services.AddSingleton(sp => ServiceBusClients.Create(configuration, sp));
        services.AddSingleton<IEventPublisher>(sp => new ServiceBusEventPublisher(
            sp.GetRequiredService<ServiceBusClient>().CreateSender(sp.GetRequiredService<IOptions<MessagingOptions>>().Value.EventsTopic)));
        services.AddSingleton<OverQuotaRequeue>();
        services.AddServiceBusMessageActions();
        services.AddClusterFunctionsTelemetry(configuration);
        return services;
    }
}
