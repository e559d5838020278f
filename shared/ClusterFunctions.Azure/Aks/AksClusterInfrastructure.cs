using Azure;
using Azure.Core;
using Azure.Identity;
using Azure.ResourceManager;
using Azure.ResourceManager.Resources;
using ClusterFunctions.Azure.Kubernetes;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// The "aks" provider: creates the plan's managed cluster through ARM with WaitUntil.Started, reads
/// its state for durable polling, hands out credentials in-process, and deletes it. A cluster
/// carrying this request's id tag is adopted; one carrying another request's id is never touched.
/// </summary>
public sealed partial class AksClusterInfrastructure(ArmClientProvider clients, ILogger<AksClusterInfrastructure> logger) : IClusterInfrastructure
{
    /// <inheritdoc />
    public Task<InfrastructureStartResult> BeginCreateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        CallArmAsync(async () =>
        {
            var plan = PlanOf(request);
            var data = AksRequestBody.ToResourceData(plan.Body);
            if (!data.Tags.TryGetValue(AzureTags.RequestId, out var tagged) || tagged != request.RequestId)
            {
                throw InvalidPlan.Error($"Aks.Body.tags.{AzureTags.RequestId}", $"must equal the request id '{request.RequestId}' (found '{tagged}')");
            }

            var arm = clients.Get(plan.ApiVersion);
            var id = new ResourceIdentifier(plan.ResourceId);
            var existing = await FindOwnAsync(arm, id, request.RequestId, cancellationToken);
            if (existing is not null)
            {
                var state = ManagedClusterStateReader.Read(existing);
                if (state.Phase == InfrastructurePhase.Deleting)
                {
                    // A re-run while its own cluster is being deleted must not adopt a dying cluster.
                    throw new InfrastructureException(InfrastructureErrorKind.RetryLater, "ClusterBeingDeleted",
                        $"Managed cluster '{plan.ClusterName}' of request '{request.RequestId}' is being deleted; create it again once the delete has finished.");
                }

                if (state.Phase != InfrastructurePhase.Failed)
                {
                    logger.LogInformation("Adopting managed cluster {ResourceId} of request {RequestId} in state {ProvisioningState}",
                        plan.ResourceId, request.RequestId, state.ProvisioningState);
                    return new InfrastructureStartResult(InfrastructureStartOutcome.Adopted, plan.ResourceId, state.ProvisioningState);
                }

                logger.LogInformation("Managed cluster {ResourceId} of request {RequestId} is {ProvisioningState}; sending the create again",
                    plan.ResourceId, request.RequestId, state.ProvisioningState);
            }

            await EnsureResourceGroupAsync(arm, plan, cancellationToken);
            Response response;
            try
            {
                // A fresh create must not land on a cluster that appeared since the read above; a
                // retry of a failed cluster of this request is an update and goes unconditionally.
                using (existing is null ? CreateOnlyPolicy.Scope() : null)
                {
                    response = (await arm.GetGenericResources().CreateOrUpdateAsync(WaitUntil.Started, id, data, cancellationToken)).GetRawResponse();
                }
            }
            catch (RequestFailedException ex) when (ex.Status == 412)
            {
                var appeared = await FindOwnAsync(arm, id, request.RequestId, cancellationToken)
                    ?? throw new InfrastructureException(InfrastructureErrorKind.RetryLater, "ClusterChanged",
                        $"Managed cluster '{plan.ClusterName}' appeared and disappeared while it was being created; try again.", 412, null, ex);
                var state = ManagedClusterStateReader.Read(appeared);
                logger.LogInformation("Managed cluster {ResourceId} of request {RequestId} already existed when creating it; adopting it",
                    plan.ResourceId, request.RequestId);
                return new InfrastructureStartResult(InfrastructureStartOutcome.Adopted, plan.ResourceId, state.ProvisioningState);
            }

            var provisioningState = ProvisioningStateOf(response);
            logger.LogInformation("Create of managed cluster {ResourceId} for request {RequestId} accepted ({ProvisioningState}) at api-version {ApiVersion}",
                plan.ResourceId, request.RequestId, provisioningState, plan.ApiVersion);
            return new InfrastructureStartResult(InfrastructureStartOutcome.Started, plan.ResourceId, provisioningState);
        });

    /// <inheritdoc />
    public Task<InfrastructureState> GetStateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        CallArmAsync(async () =>
        {
            var plan = PlanOf(request);
            var cluster = await FindOwnAsync(clients.Get(plan.ApiVersion), new ResourceIdentifier(plan.ResourceId), request.RequestId, cancellationToken);
            var state = cluster is null
                ? new InfrastructureState(InfrastructurePhase.Absent, plan.ResourceId, null, null, null, [])
                : ManagedClusterStateReader.Read(cluster);
            logger.LogDebug("Managed cluster {ResourceId} is {Phase} ({ProvisioningState})", plan.ResourceId, state.Phase, state.ProvisioningState);
            return state;
        });

    /// <inheritdoc />
    public Task<ClusterConnection> ConnectAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        CallArmAsync(async () =>
        {
            var plan = PlanOf(request);
            var arm = clients.Get(plan.ApiVersion);
            var id = new ResourceIdentifier(plan.ResourceId);

            // Never hand out credentials of a cluster this request does not own.
            if (await FindOwnAsync(arm, id, request.RequestId, cancellationToken) is null)
            {
                throw new InfrastructureException(InfrastructureErrorKind.Permanent, "ResourceNotFound",
                    $"Managed cluster '{plan.ResourceId}' does not exist, so no credentials can be listed.", 404);
            }

            var kubeconfig = await new ManagedClusterCredentials(arm, id).ListUserKubeconfigAsync(plan.ApiVersion, cancellationToken);
            try
            {
                using var stream = new MemoryStream(kubeconfig, writable: false);
                var connection = new ClusterConnection(kubeconfig, null, ClusterConnectionExtensions.ServerOf(stream, null));
                logger.LogInformation("Listed user credentials of managed cluster {ResourceId}; API server {Server}", plan.ResourceId, connection.Server);
                return connection;
            }
            finally
            {
                Array.Clear(kubeconfig);
            }
        });

    /// <inheritdoc />
    public Task<InfrastructureDeleteResult> BeginDeleteAsync(InfrastructureRequest request, CancellationToken cancellationToken = default) =>
        CallArmAsync(async () =>
        {
            var plan = PlanOf(request);
            var arm = clients.Get(plan.ApiVersion);
            var id = new ResourceIdentifier(plan.ResourceId);
            if (await FindOwnAsync(arm, id, request.RequestId, cancellationToken) is null)
            {
                return new InfrastructureDeleteResult(InfrastructureDeleteOutcome.AlreadyAbsent, plan.ResourceId);
            }

            await arm.GetGenericResource(id).DeleteAsync(WaitUntil.Started, cancellationToken);
            logger.LogInformation("Delete of managed cluster {ResourceId} for request {RequestId} accepted", plan.ResourceId, request.RequestId);
            return new InfrastructureDeleteResult(InfrastructureDeleteOutcome.Started, plan.ResourceId);
        });

    private static AksClusterPlan PlanOf(InfrastructureRequest request)
    {
        ArgumentNullException.ThrowIfNull(request);
        if (string.IsNullOrWhiteSpace(request.RequestId))
        {
            throw InvalidPlan.Error("RequestId", "is required");
        }

        var plan = request.Infrastructure.Aks ?? throw InvalidPlan.Error("Infrastructure.Aks", "is required when Provider is 'aks'");
        var expected = $"/subscriptions/{plan.SubscriptionId}/resourceGroups/{plan.ResourceGroup}/providers/Microsoft.ContainerService/managedClusters/{plan.ClusterName}";
        if (!string.Equals(plan.ResourceId, expected, StringComparison.OrdinalIgnoreCase))
        {
            throw InvalidPlan.Error("Aks.ResourceId", $"must be '{expected}' (from SubscriptionId, ResourceGroup and ClusterName)");
        }

        return string.IsNullOrWhiteSpace(plan.ApiVersion) ? throw InvalidPlan.Error("Aks.ApiVersion", "must pin an api-version") : plan;
    }

    /// <summary>The cluster when it exists and carries this request's id; null when absent; a clash error when it belongs to another request.</summary>
    private async Task<GenericResourceData?> FindOwnAsync(ArmClient arm, ResourceIdentifier id, string requestId, CancellationToken cancellationToken)
    {
        GenericResourceData data;
        try
        {
            data = (await arm.GetGenericResource(id).GetAsync(cancellationToken)).Value.Data;
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }

        data.Tags.TryGetValue(AzureTags.RequestId, out var owner);
        if (owner == requestId)
        {
            return data;
        }

        logger.LogWarning("Managed cluster {ResourceId} belongs to request {OwnerRequestId}, not {RequestId}", id.ToString(), owner ?? "(untagged)", requestId);
        throw new InfrastructureException(InfrastructureErrorKind.Permanent, "ClusterNameClash",
            $"Managed cluster '{id.Name}' in resource group '{id.ResourceGroupName}' already exists and belongs to "
            + (owner is null ? $"no ClusterFunctions request (it has no {AzureTags.RequestId} tag)" : $"request '{owner}'")
            + $", not to request '{requestId}'. Choose another cluster name, or delete that cluster first.");
    }

    private static async Task EnsureResourceGroupAsync(ArmClient arm, AksClusterPlan plan, CancellationToken cancellationToken)
    {
        var groups = arm.GetSubscriptionResource(SubscriptionResource.CreateResourceIdentifier(plan.SubscriptionId)).GetResourceGroups();

        // Only create: a PUT on an existing group would replace the tags its owner set.
        if (!(await groups.ExistsAsync(plan.ResourceGroup, cancellationToken)).Value)
        {
            var data = new ResourceGroupData(new AzureLocation(plan.Location)) { Tags = { [InventoryLabels.ManagedBy] = InventoryLabels.ManagedByValue } };
            await groups.CreateOrUpdateAsync(WaitUntil.Completed, plan.ResourceGroup, data, cancellationToken);
        }
    }

    private static string? ProvisioningStateOf(Response response)
    {
        try
        {
            using var document = System.Text.Json.JsonDocument.Parse(response.Content.ToMemory());
            return document.RootElement.TryGetProperty("properties", out var properties)
                && properties.TryGetProperty("provisioningState", out var state) ? state.GetString() : null;
        }
        catch (System.Text.Json.JsonException)
        {
            return null;
        }
    }

    private static async Task<T> CallArmAsync<T>(Func<Task<T>> call)
    {
        try
        {
            return await call();
        }
        catch (RequestFailedException ex)
        {
            throw ArmErrorClassifier.Classify(ex);
        }
        catch (AggregateException ex) when (ex.InnerExceptions is [.., RequestFailedException last] && ex.InnerExceptions.All(e => e is RequestFailedException))
        {
            // Azure.Core's retry policy gives up with every attempt's failure (ARM unreachable while it restarts, say):
            // the last one says what is wrong now, and the step retries later like any other retryable ARM error.
            InfrastructureException classified = ArmErrorClassifier.Classify(last);
            throw new InfrastructureException(classified.Kind, classified.Code, $"{classified.Message} (after {ex.InnerExceptions.Count} tries)",
                classified.Status, classified.RetryAfter, ex);
        }
        catch (AuthenticationFailedException ex)
        {
            throw new InfrastructureException(InfrastructureErrorKind.Permanent, "AuthenticationFailed",
                $"No Azure credential could get a token for ARM: {ex.Message}", null, null, ex);
        }
    }
}
