using ClusterFunctions.Azure.Aks;
using ClusterFunctions.Azure.Existing;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Azure;

/// <summary>The <see cref="IClusterInfrastructure"/> activities use: sends each call to the provider the plan names.</summary>
public sealed class ClusterInfrastructureRouter(AksClusterInfrastructure aks, ExistingClusterInfrastructure existing) : IClusterInfrastructure
{
    /// <inheritdoc />
    public Task<InfrastructureStartResult> BeginCreateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        Provider(request).BeginCreateAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<InfrastructureState> GetStateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        Provider(request).GetStateAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<ClusterConnection> ConnectAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        Provider(request).ConnectAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<InfrastructureStartResult> BeginUpdateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        Provider(request).BeginUpdateAsync(request, cancellationToken);

    /// <inheritdoc />
    public Task<InfrastructureStartResult> BeginNodePoolUpgradeAsync(InfrastructureRequest request, string nodePool, CancellationToken cancellationToken = default) =>
        Provider(request).BeginNodePoolUpgradeAsync(request, nodePool, cancellationToken);

    /// <inheritdoc />
    public Task<InfrastructureDeleteResult> BeginDeleteAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        Provider(request).BeginDeleteAsync(request, cancellationToken);

    private IClusterInfrastructure Provider(InfrastructureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        return request.Infrastructure.Provider switch
        {
            InfrastructureProviders.Aks => aks,
            InfrastructureProviders.Existing => existing,
            var other => throw InvalidPlan.Error("Infrastructure.Provider",
                $"'{other}' is not a provider; use '{InfrastructureProviders.Aks}' or '{InfrastructureProviders.Existing}'"),
        };
    }
}
