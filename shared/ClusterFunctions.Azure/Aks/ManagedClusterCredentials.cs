using System.Text.Json;
using Azure;
using Azure.Core;
using Azure.ResourceManager;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// POSTs listClusterUserCredential through the ArmClient's own pipeline (same credential, retries and
/// transport); generic resources have no actions, and the ContainerService package is not available.
/// </summary>
internal sealed class ManagedClusterCredentials : ArmResource
{
    public ManagedClusterCredentials(ArmClient client, ResourceIdentifier id)
        : base(client, id)
    {
    }

    /// <summary>The first kubeconfig ARM returns, decoded; the caller owns (and must clear) the bytes.</summary>
    public async Task<byte[]> ListUserKubeconfigAsync(string apiVersion, CancellationToken cancellationToken)
    {
        using var message = Pipeline.CreateMessage();
        message.Request.Method = RequestMethod.Post;
        var uri = new RequestUriBuilder();
        uri.Reset(Endpoint);
        uri.AppendPath(Id.ToString(), escape: false);
        uri.AppendPath("/listClusterUserCredential", escape: false);
        uri.AppendQuery("api-version", apiVersion, escapeValue: true);
        message.Request.Uri = uri;
        message.Request.Headers.Add("Accept", "application/json");
        await Pipeline.SendAsync(message, cancellationToken);
        if (message.Response.Status != 200)
        {
            throw new RequestFailedException(message.Response);
        }

        using var document = JsonDocument.Parse(message.Response.Content.ToMemory());
        if (document.RootElement.TryGetProperty("kubeconfigs", out var kubeconfigs) && kubeconfigs.ValueKind == JsonValueKind.Array
            && kubeconfigs.GetArrayLength() > 0 && kubeconfigs[0].TryGetProperty("value", out var value) && value.ValueKind == JsonValueKind.String)
        {
            return value.GetBytesFromBase64();
        }

        throw new RequestFailedException(message.Response.Status, "listClusterUserCredential returned no kubeconfig.", "NoKubeconfig", null);
    }
}
