using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Arm.Faults;
using ClusterFunctions.LocalCloud.Arm.State;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>Microsoft.ContainerService/managedClusters: PUT, GET, DELETE, list, and listClusterUserCredential.</summary>
internal sealed class ManagedClusterHandler(ArmState state, ArmEmulatorOptions options, ArmFaultInjector faults, ClusterLifecycle lifecycle)
{
    public async Task HandleAsync(HttpContext context, string subscriptionId, string resourceGroup, string name)
    {
        if (!state.ResourceGroups.TryGetValue(ArmState.GroupKey(subscriptionId, resourceGroup), out var group))
        {
            await ArmResponses.ErrorAsync(context, ResourceGroupHandler.NotFound(resourceGroup));
            return;
        }

        var id = ArmState.ClusterId(subscriptionId, group.Name, name);
        state.Clusters.TryGetValue(id, out var cluster);
        if (cluster is not null)
        {
            await lifecycle.AdvanceAsync(cluster, context.RequestAborted);
            state.Clusters.TryGetValue(id, out cluster);
        }

        switch (context.Request.Method)
        {
            case "PUT":
                await PutAsync(context, subscriptionId, group.Name, name, cluster);
                break;
            case "GET" when cluster is not null:
                await ArmResponses.JsonAsync(context, 200, ManagedClusterView.Build(cluster));
                break;
            case "GET":
                await ArmResponses.ErrorAsync(context, NotFound(group.Name, name));
                break;
            case "DELETE" when cluster is null:
                await ArmResponses.EmptyAsync(context, 204);
                break;
            case "DELETE":
                var operation = cluster.Operation is { Kind: OperationKind.Delete, Status: "InProgress" } running
                    ? running
                    : lifecycle.StartOperation(cluster, OperationKind.Delete, null);
                AddOperationHeaders(context, subscriptionId, operation, withLocation: true);
                await ArmResponses.EmptyAsync(context, 202);
                break;
            default:
                await ArmResponses.ErrorAsync(context, new ArmError(405, "MethodNotAllowed", $"{context.Request.Method} is not supported on managedClusters."));
                break;
        }
    }

    public async Task ListCredentialsAsync(HttpContext context, string subscriptionId, string resourceGroup, string name)
    {
        var id = ArmState.ClusterId(subscriptionId, resourceGroup, name);
        if (!state.Clusters.TryGetValue(id, out var cluster))
        {
            await ArmResponses.ErrorAsync(context, NotFound(resourceGroup, name));
            return;
        }

        await lifecycle.AdvanceAsync(cluster, context.RequestAborted);
        if (cluster.Api is null || !state.Clusters.ContainsKey(id))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(409, "OperationNotAllowed",
                $"Operation is not allowed: the cluster's API server is not ready (provisioningState {cluster.ProvisioningState})."));
            return;
        }

        var kubeconfig = KubeconfigWriter.Write(cluster.ResourceGroup, cluster.Name, cluster.Api);
        await ArmResponses.JsonAsync(context, 200, new JsonObject
        {
            ["kubeconfigs"] = new JsonArray(new JsonObject
            {
                ["name"] = "clusterUser",
                ["value"] = Convert.ToBase64String(Encoding.UTF8.GetBytes(kubeconfig)),
            }),
        });
    }

    public async Task ListAsync(HttpContext context, string subscriptionId, string resourceGroup)
    {
        var prefix = ArmState.ClusterId(subscriptionId, resourceGroup, "");
        var clusters = state.Clusters.Values.Where(c => c.ResourceId.StartsWith(prefix, StringComparison.OrdinalIgnoreCase)).ToList();
        foreach (var cluster in clusters)
        {
            await lifecycle.AdvanceAsync(cluster, context.RequestAborted);
        }

        var views = clusters.Where(c => state.Clusters.ContainsKey(c.ResourceId)).Select(c => (JsonNode?)ManagedClusterView.Build(c)).ToArray();
        await ArmResponses.JsonAsync(context, 200, new JsonObject { ["value"] = new JsonArray(views) });
    }

    private async Task PutAsync(HttpContext context, string subscriptionId, string resourceGroup, string name, EmulatedCluster? cluster)
    {
        if (ManagedClusterValidator.ValidateName(name) is { } nameError)
        {
            await ArmResponses.ErrorAsync(context, nameError);
            return;
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException ex)
        {
            await ArmResponses.ErrorAsync(context, new ArmError(400, "InvalidRequestContent", $"The request content was invalid and could not be deserialized: {ex.Message}"));
            return;
        }

        var error = body is null
            ? new ArmError(400, "InvalidRequestContent", "The request body must be a JSON object.")
            : ManagedClusterValidator.Validate(body, options.Locations);
        if (error is not null || body is null)
        {
            await ArmResponses.ErrorAsync(context, error!);
            return;
        }

        if (cluster is not null && context.Request.Headers.IfNoneMatch.ToString() == "*")
        {
            await ArmResponses.ErrorAsync(context, new ArmError(412, "PreconditionFailed",
                $"The managed cluster '{name}' already exists and the request asked to create it only if it does not (If-None-Match: *)."));
            return;
        }

        if (cluster is not null && cluster.ProvisioningState is not ("Succeeded" or "Failed" or "Canceled"))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(409, "OperationNotAllowed",
                $"Operation is not allowed: Another operation ({cluster.ProvisioningState}) is in progress, please wait for it to finish before starting a new operation. See https://aka.ms/aks-pending-operation for more details"));
            return;
        }

        var updateError = (cluster is null ? null : ManagedClusterValidator.ValidateUpdate(cluster.Body, body)) ?? ClusterVersions.Apply(cluster?.Body, body);
        if (updateError is not null)
        {
            await ArmResponses.ErrorAsync(context, updateError);
            return;
        }

        var created = cluster is null;
        cluster ??= new EmulatedCluster(subscriptionId, resourceGroup, name, ArmState.ClusterId(subscriptionId, resourceGroup, name));
        cluster.Body = body;
        cluster.Fqdn = Fqdn(cluster);
        state.Clusters[cluster.ResourceId] = cluster;
        var operation = lifecycle.StartOperation(cluster, created ? OperationKind.Create : OperationKind.Update, faults.TakeOperationFailure());
        AddOperationHeaders(context, subscriptionId, operation, withLocation: false);
        await ArmResponses.JsonAsync(context, created ? 201 : 200, ManagedClusterView.Build(cluster));
    }

    internal void AddOperationHeaders(HttpContext context, string subscriptionId, EmulatedOperation operation, bool withLocation)
    {
        var request = context.Request;
        var apiVersion = request.Query["api-version"].ToString();
        var baseUri = $"{request.Scheme}://{request.Host}/subscriptions/{subscriptionId}/providers/Microsoft.ContainerService/locations/{operation.Location}";
        context.Response.Headers["Azure-AsyncOperation"] = $"{baseUri}/operations/{operation.Id}?api-version={apiVersion}";
        if (withLocation)
        {
            context.Response.Headers.Location = $"{baseUri}/operationresults/{operation.Id}?api-version={apiVersion}";
        }

        context.Response.Headers.RetryAfter = options.PollRetryAfterSeconds.ToString(System.Globalization.CultureInfo.InvariantCulture);
    }

    private static ArmError NotFound(string resourceGroup, string name) => new(404, "ResourceNotFound",
        $"The Resource 'Microsoft.ContainerService/managedClusters/{name}' under resource group '{resourceGroup}' was not found. For more details please go to https://aka.ms/ARMResourceNotFoundFix");

    // AKS names the API server <dnsPrefix>-<hash>.hcp.<region>.azmk8s.io; the hash keeps it unique per resource.
    private static string Fqdn(EmulatedCluster cluster)
    {
        var prefix = ManagedClusterValidator.Text(cluster.Body["properties"]?["dnsPrefix"]) ?? cluster.Name;
        var location = ManagedClusterValidator.Text(cluster.Body["location"])?.ToLowerInvariant() ?? "local";
        var hash = Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(cluster.ResourceId.ToLowerInvariant())))[..8].ToLowerInvariant();
        return $"{prefix.ToLowerInvariant()}-{hash}.hcp.{location}.azmk8s.io";
    }
}
