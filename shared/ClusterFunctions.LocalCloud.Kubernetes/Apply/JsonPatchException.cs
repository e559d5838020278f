namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>A JSON Patch operation that does not apply to the object (kube-apiserver answers 422).</summary>
/// <param name="message">What failed, naming the operation.</param>
/// <param name="path">The failing operation's path, when known.</param>
internal sealed class JsonPatchException(string message, string? path = null) : Exception(message)
{
    /// <summary>The JSON pointer of the failing operation.</summary>
    public string? Path { get; } = path;
}
