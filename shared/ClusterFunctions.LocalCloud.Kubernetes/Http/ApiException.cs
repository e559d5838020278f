using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>A request failure carrying the metav1.Status body kube-apiserver would send.</summary>
internal sealed class ApiException(int code, JsonObject status) : Exception(status["message"]?.GetValue<string>())
{
    public int Code { get; } = code;

    public JsonObject Status { get; } = status;
}
