using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;

namespace ClusterFunctions.LocalCloud.Arm.State;

/// <summary>A managed cluster held by the emulator: the body as PUT, and what AKS adds to it.</summary>
internal sealed class EmulatedCluster(string subscriptionId, string resourceGroup, string name, string resourceId)
{
    public string SubscriptionId { get; } = subscriptionId;

    public string ResourceGroup { get; } = resourceGroup;

    public string Name { get; } = name;

    public string ResourceId { get; } = resourceId;

    /// <summary>The last accepted PUT body, plus the orchestratorVersion of a pool that runs other than the control plane (see ClusterVersions).</summary>
    public JsonObject Body { get; set; } = [];

    public string ProvisioningState { get; set; } = "Creating";

    public string PowerState { get; set; } = "Running";

    public string Fqdn { get; set; } = "";

    public EmulatedOperation? Operation { get; set; }

    /// <summary>Set once the cluster's API server has been provisioned; holds the user token, so never logged.</summary>
    public ClusterApiEndpoint? Api { get; set; }

    public ClusterApiRequest ApiRequest => new(
        SubscriptionId, ResourceGroup, Name, ResourceId,
        Body["properties"]?["kubernetesVersion"]?.GetValue<string>());
}
