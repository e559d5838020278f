using Azure.Core;
using Azure.Core.Pipeline;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// Adds If-None-Match: * to PUTs sent inside <see cref="Scope"/>, so a create can never overwrite a
/// cluster that appeared after the adapter checked (another request racing for the same name, or
/// an earlier attempt of this one whose response was lost): ARM answers 412 instead.
/// </summary>
internal sealed class CreateOnlyPolicy : HttpPipelineSynchronousPolicy
{
    private const string Property = "ClusterFunctions.CreateOnly";

    /// <summary>Marks the requests started in this async flow as create-only.</summary>
    public static IDisposable Scope() =>
        HttpPipeline.CreateHttpMessagePropertiesScope(new Dictionary<string, object?> { [Property] = true });

    /// <inheritdoc />
    public override void OnSendingRequest(HttpMessage message)
    {
        if (message.Request.Method == RequestMethod.Put && message.TryGetProperty(Property, out var createOnly) && createOnly is true)
        {
            message.Request.Headers.SetValue("If-None-Match", "*");
        }
    }
}
