using ClusterFunctions.LocalCloud;
using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.Functions.Tests;

/// <summary>Runs the installed kubectl, an independent client, against an emulated cluster with that cluster's own
/// kubeconfig (its certificate and admin token), as a user would.</summary>
public static class Kubectl
{
    /// <summary>Against the cluster LocalCloud serves at <paramref name="server"/> (a build's kubernetesApi endpoint).</summary>
    public static Task<(int Exit, string Output)> RunAsync(LocalCloudHost cloud, string server, params string[] args) =>
        RunAsync(cloud.Clusters.Clusters.Values.Single(c => c.Url.GetLeftPart(UriPartial.Authority) == new Uri(server).GetLeftPart(UriPartial.Authority)), args);

    public static async Task<(int Exit, string Output)> RunAsync(RunningKubernetesEmulator cluster, params string[] args)
    {
        using var kubectl = new ClusterFunctions.Tests.Shared.Kubectl(cluster);
        var result = await kubectl.RunAsync(args);
        return (result.ExitCode, result.Stdout + result.Stderr);
    }
}
