using System.Text;
using ClusterFunctions.LocalCloud.Kubernetes;
using k8s;

namespace ClusterFunctions.Kubernetes.Tests.Support;

/// <summary>A plain KubernetesClient for reading what the engine wrote, independently of the engine.</summary>
internal static class KubernetesClientsForTests
{
    public static k8s.Kubernetes Create(RunningKubernetesEmulator emulator)
    {
        using var stream = new MemoryStream(Encoding.UTF8.GetBytes(emulator.CreateKubeconfig()));
        return new k8s.Kubernetes(KubernetesClientConfiguration.BuildConfigFromConfigFile(stream));
    }
}
