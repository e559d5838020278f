using System.Diagnostics;

namespace ClusterFunctions.Durable.Tests.Crash;

/// <summary>One CrashWorker process; <see cref="Kill"/> sends SIGKILL, so nothing gets to clean up.</summary>
internal sealed class WorkerProcess : IDisposable
{
    private readonly Process process;

    private WorkerProcess(Process process) => this.process = process;

    public int Id => process.Id;

    public bool HasExited => process.HasExited;

    public static WorkerProcess Start(string databasePath, string logPath)
    {
        var testDirectory = AppContext.BaseDirectory.TrimEnd(Path.DirectorySeparatorChar);
        var framework = Path.GetFileName(testDirectory);
        var configuration = Path.GetFileName(Path.GetDirectoryName(testDirectory))!;
        var dll = Path.GetFullPath(Path.Combine(
            testDirectory, "..", "..", "..", "..", "ClusterFunctions.Durable.CrashWorker", "bin", configuration, framework, "ClusterFunctions.Durable.CrashWorker.dll"));
        if (!File.Exists(dll))
        {
            throw new FileNotFoundException($"The crash worker was not built at {dll}.", dll);
        }

        // dotnet test sets DOTNET_HOST_PATH to the muxer running the tests; fall back to the one on PATH.
        var dotnet = Environment.GetEnvironmentVariable("DOTNET_HOST_PATH") is { Length: > 0 } host ? host : "dotnet";
        var info = new ProcessStartInfo(dotnet) { RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        info.ArgumentList.Add(dll);
        info.ArgumentList.Add(databasePath);
        info.ArgumentList.Add(logPath);
        var process = Process.Start(info)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return new WorkerProcess(process);
    }

    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            Kill();
        }

        process.Dispose();
    }
}
