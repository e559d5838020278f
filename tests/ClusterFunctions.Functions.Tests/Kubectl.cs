using System.Diagnostics;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.Functions.Tests;

/// <summary>Runs the installed kubectl, an independent client, against an emulated cluster with that cluster's own
/// kubeconfig (its certificate and admin token), as a user would.</summary>
public static class Kubectl
{
    // kubectl caches discovery per host:port; emulators reuse ports, so each test run gets its own cache.
    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cf-kubectl-cache-" + Guid.NewGuid().ToString("N"));

    /// <summary>Against the cluster LocalCloud serves at <paramref name="server"/> (a build's kubernetesApi endpoint).</summary>
    public static Task<(int Exit, string Output)> RunAsync(LocalCloudHost cloud, string server, params string[] args) =>
        RunAsync(cloud.Clusters.Clusters.Values.Single(c => c.Url.GetLeftPart(UriPartial.Authority) == new Uri(server).GetLeftPart(UriPartial.Authority)), args);

    public static async Task<(int Exit, string Output)> RunAsync(RunningKubernetesEmulator cluster, params string[] args)
    {
        var kubeconfig = Path.Combine(Path.GetTempPath(), $"cf-kubeconfig-{Guid.NewGuid():N}");
        await File.WriteAllTextAsync(kubeconfig, cluster.CreateKubeconfig());
        try
        {
            var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
            foreach (var arg in new[] { "--kubeconfig", kubeconfig, "--cache-dir", CacheDirectory }.Concat(args))
            {
                start.ArgumentList.Add(arg);
            }

            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
            await process.WaitForExitAsync(timeout.Token);
            return (process.ExitCode, (await output) + (await error));
        }
        finally
        {
            File.Delete(kubeconfig);
        }
    }
}
