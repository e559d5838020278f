using System.Text;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.Kubernetes.Tests.Support;

/// <summary>Connections to an emulator, as the infrastructure port would hand them to an activity.</summary>
internal static class EmulatorConnections
{
    public static ClusterConnection Connect(this RunningKubernetesEmulator emulator, string? bearerToken = null) =>
        new(Encoding.UTF8.GetBytes(emulator.CreateKubeconfig(bearerToken)), null, emulator.Url);
}
