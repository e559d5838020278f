using Azure.Core;
using Azure.Identity;
using ClusterFunctions.Azure.Aks;
using ClusterFunctions.Azure.Existing;
using ClusterFunctions.Core.Ports;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace ClusterFunctions.Azure;

/// <summary>Registers the infrastructure port with its "aks" and "existing" providers.</summary>
public static class AzureServiceCollectionExtensions
{
    /// <summary>
    /// Adds <see cref="IClusterInfrastructure"/>. ARM is reached with the registered TokenCredential,
    /// or DefaultAzureCredential (managed identity in Azure) when none is registered.
    /// </summary>
    public static IServiceCollection AddClusterInfrastructure(this IServiceCollection services, Action<AksInfrastructureOptions>? configure = null)
    {
        var options = services.AddOptions<AksInfrastructureOptions>();
        if (configure is not null)
        {
            options.Configure(configure);
        }

        services.TryAddSingleton<TokenCredential>(_ => new DefaultAzureCredential());
        services.TryAddSingleton<ArmClientProvider>();
        services.TryAddSingleton<AksClusterInfrastructure>();
        services.TryAddSingleton<ExistingClusterInfrastructure>();
        services.TryAddSingleton<IClusterInfrastructure, ClusterInfrastructureRouter>();
        return services;
    }
}
