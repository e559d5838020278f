using System.Text.Json;
using System.Text.Json.Nodes;
using Azure;
using Azure.Core;
using Azure.ResourceManager;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// PUTs one agentPools resource of a managed cluster through the ArmClient's own pipeline (same credential, retries
/// and transport): generic resources want a location, which an agent pool has not, and the ContainerService package
/// is not available.
/// </summary>
internal sealed class AgentPoolRequest : ArmResource
{
    private readonly string nodePool;

    public AgentPoolRequest(ArmClient client, ResourceIdentifier clusterId, string nodePool)
        : base(client, clusterId)
    {
        this.nodePool = nodePool;
    }

    /// <summary>Sends the PUT without waiting for the operation; returns the provisioningState ARM answered with.</summary>
    public async Task<string?> PutAsync(string apiVersion, JsonObject body, CancellationToken cancellationToken)
    {
        using var message = Pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Put;
        var uri = new RequestUriBuilder();
        uri.Reset(Endpoint);
        uri.AppendPath(Id.ToString(), escape: false);
        uri.AppendPath("/agentPools/", escape: false);
        uri.AppendPath(nodePool, escape: true);
        uri.AppendQuery("api-version", apiVersion, escapeValue: true);
        message.Request.Uri = uri;
        message.Request.Headers.Add("Content-Type", "application/json");
        message.Request.Headers.Add("Accept", "application/json");
        message.Request.Content = RequestContent.Create(BinaryData.FromString(body.ToJsonString()));
        await Pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status is not (200 or 201))
        {
            throw new RequestFailedException(message.Response);
        }

        using var document = JsonDocument.Parse(message.Response.Content.ToMemory());
        return document.RootElement.TryGetProperty("properties", out var properties) && properties.TryGetProperty("provisioningState", out var state)
            ? state.GetString()
            : null;
    }
}
