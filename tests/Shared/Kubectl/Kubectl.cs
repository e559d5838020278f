using System.Diagnostics;
using ClusterFunctions.LocalCloud.Kubernetes;

namespace ClusterFunctions.Tests.Shared;

/// <summary>Runs the installed kubectl against an emulator through a private temporary kubeconfig (linked into the test projects that need it).</summary>
internal sealed class Kubectl : IDisposable
{
    private readonly string _directory;
    private readonly string _kubeconfig;

    public Kubectl(RunningKubernetesEmulator emulator, string? bearerToken = null)
        : this(emulator.CreateKubeconfig(bearerToken))
    {
    }

    /// <summary>With a kubeconfig a user was given (the app's kubeconfig route, or Azure's listClusterUserCredential).</summary>
    public Kubectl(string kubeconfig)
    {
        _directory = Directory.CreateTempSubdirectory("cf-kubectl-").FullName;
        _kubeconfig = Path.Combine(_directory, "config");
        File.WriteAllText(_kubeconfig, kubeconfig);
    }

    public string WriteFile(string name, string content)
    {
        var path = Path.Combine(_directory, name);
        File.WriteAllText(path, content);
        return path;
    }

    public async Task<KubectlResult> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("/usr/bin/kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--kubeconfig");
        start.ArgumentList.Add(_kubeconfig);
        start.ArgumentList.Add("--cache-dir");
        start.ArgumentList.Add(Path.Combine(_directory, "cache"));
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(guard.Token);
        return new KubectlResult(process.ExitCode, await stdout, await stderr);
    }

    public void Dispose() => Directory.Delete(_directory, recursive: true);
}
