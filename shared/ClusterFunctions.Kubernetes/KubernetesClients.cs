using ClusterFunctions.Core.Ports;
using k8s;

namespace ClusterFunctions.Kubernetes;

/// <summary>Builds a client for a cluster connection; one client per connection, disposed with the activity.</summary>
internal static class KubernetesClients
{
    public static k8s.Kubernetes Create(ClusterConnection connection)
    {
        using var kubeconfig = connection.OpenKubeconfig();
        var configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(kubeconfig, connection.Context);
        return new k8s.Kubernetes(configuration);
    }
}
