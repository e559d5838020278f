using ClusterFunctions.LocalCloud.Arm.State;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>
/// Moves clusters through their operations. Time is checked when a cluster or operation is read,
/// not by background timers, so a fake clock fully controls when an operation finishes.
/// </summary>
internal sealed class ClusterLifecycle(ArmState state, ArmEmulatorOptions options, ILogger logger)
{
    public DateTimeOffset Now => options.TimeProvider.GetUtcNow();

    public EmulatedOperation StartOperation(EmulatedCluster cluster, OperationKind kind, (string Code, string Message)? failure)
    {
        var duration = kind == OperationKind.Delete ? options.DeletionTime : options.ProvisioningTime;
        var location = ManagedClusterValidator.Text(cluster.Body["location"]) ?? "unknown";
        var operation = new EmulatedOperation(Guid.NewGuid().ToString(), location.ToLowerInvariant(), cluster.ResourceId, kind, Now, Now + duration)
        {
            Failure = failure,
        };
        state.Operations[operation.Id] = operation;
        cluster.Operation = operation;
        cluster.ProvisioningState = kind switch
        {
            OperationKind.Create => "Creating",
            OperationKind.Update => "Updating",
            _ => "Deleting",
        };
        logger.LogInformation("Operation {OperationId} ({Kind}) started on {ResourceId}", operation.Id, kind, cluster.ResourceId);
        return operation;
    }

    /// <summary>Finishes the cluster's running operation if its time has come.</summary>
    public async Task AdvanceAsync(EmulatedCluster cluster, CancellationToken cancellationToken)
    {
        if (cluster.Operation is not { Status: "InProgress" } operation || Now < operation.DueAt)
        {
            return;
        }

        operation.EndedAt = Now;
        if (operation.Kind == OperationKind.Delete)
        {
            state.Clusters.Remove(cluster.ResourceId);
            await ReleaseAsync(cluster, cancellationToken);
            operation.Status = "Succeeded";
        }
        else if (operation.Failure is { } failure)
        {
            operation.Status = "Failed";
            cluster.ProvisioningState = "Failed";
            logger.LogInformation("Operation {OperationId} on {ResourceId} failed as injected: {Code}", operation.Id, cluster.ResourceId, failure.Code);
        }
        else
        {
            await ProvisionAsync(cluster, operation, cancellationToken);
        }
    }

    /// <summary>Advances the cluster an operation belongs to, if it still exists.</summary>
    public async Task AdvanceAsync(EmulatedOperation operation, CancellationToken cancellationToken)
    {
        if (state.Clusters.TryGetValue(operation.ClusterKey, out var cluster) && ReferenceEquals(cluster.Operation, operation))
        {
            await AdvanceAsync(cluster, cancellationToken);
        }
    }

    public async Task RemoveGroupAsync(ResourceGroupRecord group, CancellationToken cancellationToken)
    {
        var prefix = ArmState.ClusterId(group.SubscriptionId, group.Name, "");
        foreach (var cluster in state.Clusters.Values.Where(c => c.ResourceId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList())
        {
            state.Clusters.Remove(cluster.ResourceId);
            await ReleaseAsync(cluster, cancellationToken);
        }

        state.ResourceGroups.Remove(ArmState.GroupKey(group.SubscriptionId, group.Name));
    }

    private async Task ProvisionAsync(EmulatedCluster cluster, EmulatedOperation operation, CancellationToken cancellationToken)
    {
        try
        {
            cluster.Api ??= await options.ClusterApiProvisioner.ProvisionAsync(cluster.ApiRequest, cancellationToken);
            operation.Status = "Succeeded";
            cluster.ProvisioningState = "Succeeded";
            logger.LogInformation("Cluster {ResourceId} provisioned; API server {Server}", cluster.ResourceId, cluster.Api.Server);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            operation.Status = "Failed";
            operation.Failure = ("ClusterApiProvisioningFailed", $"The cluster's Kubernetes API could not be started: {ex.Message}");
            cluster.ProvisioningState = "Failed";
            logger.LogWarning(ex, "Starting the Kubernetes API for {ResourceId} failed", cluster.ResourceId);
        }
    }

    private async Task ReleaseAsync(EmulatedCluster cluster, CancellationToken cancellationToken)
    {
        if (cluster.Api is not null)
        {
            cluster.Api = null;
            await options.ClusterApiProvisioner.ReleaseAsync(cluster.ApiRequest, cancellationToken);
        }

        logger.LogInformation("Cluster {ResourceId} deleted", cluster.ResourceId);
    }
}
