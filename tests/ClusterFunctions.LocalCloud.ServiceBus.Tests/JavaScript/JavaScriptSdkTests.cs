using System.Diagnostics;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using Xunit.Abstractions;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.JavaScript;

/// <summary>The official JavaScript SDK (@azure/service-bus 7.9.5 from npm) against the emulator, unchanged.</summary>
public sealed class JavaScriptSdkTests(ITestOutputHelper output)
{
    [Fact]
    public async Task ConformanceScript_PassesEveryCheck()
    {
        var folder = Path.Combine(RepositoryRoot(), "tests", "ClusterFunctions.LocalCloud.ServiceBus.Tests", "js");
        if (!Directory.Exists(Path.Combine(folder, "node_modules", "@azure", "service-bus")))
        {
            var install = await RunAsync("npm", ["ci", "--no-audit", "--no-fund"], folder, TimeSpan.FromMinutes(5));
            Assert.True(install.ExitCode == 0, $"npm ci failed:\n{install.Output}");
        }

        await using var emulator = await Emulator.StartAsync();

        var run = await RunAsync("node", ["conformance.mjs", emulator.ConnectionString], folder, TimeSpan.FromMinutes(2));

        output.WriteLine(run.Output);
        Assert.True(run.ExitCode == 0, run.Output);
        Assert.Contains(" 0 failed", run.Output);
    }

    static async Task<(int ExitCode, string Output)> RunAsync(string file, string[] arguments, string folder, TimeSpan timeout)
    {
        var start = new ProcessStartInfo(file) { WorkingDirectory = folder, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var guard = new CancellationTokenSource(timeout);
        try
        {
            await process.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            return (-1, $"{file} did not finish within {timeout}:\n{await stdout}\n{await stderr}");
        }

        return (process.ExitCode, await stdout + await stderr);
    }

    static string RepositoryRoot()
    {
        for (var directory = new DirectoryInfo(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClusterFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("ClusterFunctions.sln: not found above the test's folder");
    }
}
