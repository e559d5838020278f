using System.Diagnostics;

namespace ClusterFunctions.Functions.Tests;

/// <summary>Runs the installed kubectl, an independent client, against an emulated cluster.</summary>
public static class Kubectl
{
    // kubectl caches discovery per host:port; emulators reuse ports, so each test run gets its own cache.
    private static readonly string CacheDirectory = Path.Combine(Path.GetTempPath(), "cf-kubectl-cache-" + Guid.NewGuid().ToString("N"));

    public static async Task<(int Exit, string Output)> RunAsync(string server, params string[] args)
    {
        var start = new ProcessStartInfo("kubectl") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "--server", server, "--token", "localcloud-admin", "--cache-dir", CacheDirectory }.Concat(args))
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
}
