using ClusterFunctions.Core.Ports;
using k8s;

namespace ClusterFunctions.Azure.Kubernetes;

/// <summary>Builds Kubernetes clients from an in-process <see cref="ClusterConnection"/>; the kubeconfig never touches disk.</summary>
public static class ClusterConnectionExtensions
{
    /// <summary>Client configuration for the connection's context (server, CA, token or client certificate).</summary>
    public static KubernetesClientConfiguration ToClientConfiguration(this ClusterConnection connection)
    {
        ArgumentNullException.ThrowIfNull(connection);
        using var kubeconfig = connection.OpenKubeconfig();
        return KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, currentContext: connection.Context);
    }

    /// <summary>A Kubernetes client for the connection; create one per activity and cluster, and dispose it with the activity.</summary>
    public static k8s.Kubernetes CreateKubernetesClient(this ClusterConnection connection) => new(connection.ToClientConfiguration());

    /// <summary>Reads the API server address a kubeconfig's context points at.</summary>
    internal static Uri ServerOf(Stream kubeconfig, string? context)
    {
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, currentContext: context);
        return new Uri(configuration.Host);
    }
}
