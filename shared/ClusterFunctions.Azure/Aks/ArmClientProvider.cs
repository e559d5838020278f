using System.Collections.Concurrent;
using Azure.Core;
using Azure.Core.Pipeline;
using Azure.ResourceManager;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// One ArmClient per pinned managedClusters api-version, kept for the process: the version is set
/// on the client (SetApiVersion), which also removes the provider lookup ARM SDKs otherwise make.
/// </summary>
public sealed class ArmClientProvider(TokenCredential credential, IOptions<AksInfrastructureOptions> options)
{
    /// <summary>The ARM type whose api-version the plan pins.</summary>
    public static readonly ResourceType ManagedClusterType = new("Microsoft.ContainerService/managedClusters");

    private readonly ConcurrentDictionary<string, ArmClient> _clients = new(StringComparer.Ordinal);

    /// <summary>The shared client for this api-version.</summary>
    public ArmClient Get(string apiVersion) => _clients.GetOrAdd(apiVersion, Create);

    private ArmClient Create(string apiVersion)
    {
        var settings = options.Value;
        var clientOptions = new ArmClientOptions
        {
            Environment = new ArmEnvironment(settings.ResourceManagerEndpoint, settings.Audience),
        };
        clientOptions.Retry.MaxRetries = settings.MaxRetries;
        clientOptions.Retry.Delay = settings.RetryDelay;
        if (settings.Transport is not null)
        {
            clientOptions.Transport = settings.Transport;
        }

        clientOptions.SetApiVersion(ManagedClusterType, apiVersion);
        clientOptions.AddPolicy(new CreateOnlyPolicy(), HttpPipelinePosition.PerCall);
        return new ArmClient(credential, defaultSubscriptionId: null, clientOptions);
    }
}
