using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClusterFunctions.ChildProcesses;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The local Functions host (with the app as its worker) running as its own process, as <c>./cluster serve</c> runs
/// it, so a test can kill it as a crash would. Settings go in as environment variables, the way Azure gives a
/// Function App its app settings.
/// </summary>
public sealed class HostProcess : IDisposable
{
    private readonly Process process;
    private readonly System.Collections.Concurrent.ConcurrentQueue<string> output;

    private HostProcess(Process process, Uri address, System.Collections.Concurrent.ConcurrentQueue<string> output)
    {
        this.process = process;
        Address = address;
        this.output = output;
    }

    public Uri Address { get; }

    /// <summary>Everything the host wrote, stdout and stderr.</summary>
    public string Output => string.Join('\n', output);

    public static int FreePort()
    {
        var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        var port = ((IPEndPoint)listener.LocalEndpoint).Port;
        listener.Stop();
        return port;
    }

    /// <summary>Starts the host on <paramref name="port"/> with <paramref name="storage"/> (an Azurite the test owns, so
    /// the Durable state outlives the host) and waits until it serves.</summary>
    public static async Task<HostProcess> StartAsync(IReadOnlyDictionary<string, string> settings, int port, string storage, string stateDirectory)
    {
        // Under the watchdog, as the CLI starts its children: a host the test leaves behind (the test process killed
        // mid-run) stops with it instead of running on against a storage that is gone.
        var process = ChildProcess.Start("dotnet",
            [HostAssembly(), "--app-dir", TestApps.AppDirectory, "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", stateDirectory, "--storage", storage],
            Environment.CurrentDirectory,
            settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => (string?)s.Value));
        var listening = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var output = new System.Collections.Concurrent.ConcurrentQueue<string>();
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }

            if (e.Data?.StartsWith("Functions host on", StringComparison.Ordinal) == true)
            {
                listening.TrySetResult();
            }
        };
        process.ErrorDataReceived += (_, e) =>
        {
            if (e.Data is not null)
            {
                output.Enqueue(e.Data);
            }
        };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var exited = process.WaitForExitAsync();
        if (await Task.WhenAny(listening.Task, exited, Task.Delay(TimeSpan.FromSeconds(90))) != listening.Task)
        {
            process.Kill(entireProcessTree: true);
            throw new InvalidOperationException($"the host did not start (exited: {process.HasExited})");
        }

        return new HostProcess(process, new Uri($"http://127.0.0.1:{port}/"), output);
    }

    /// <summary>SIGKILL: no shutdown code runs, as when a machine or container dies.</summary>
    public void Kill()
    {
        process.Kill(entireProcessTree: false);
        process.WaitForExit();
    }

    /// <summary>SIGTERM, as a supervisor or a scale-in stops an instance; the exit code, or null when it had not
    /// exited within <paramref name="grace"/>.</summary>
    public async Task<int?> TerminateAsync(TimeSpan grace)
    {
        using (var kill = Process.Start("kill", ["-TERM", process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]))
        {
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
            return process.ExitCode;
        }
        catch (OperationCanceledException)
        {
            return null;
        }
    }

    public void Dispose()
    {
        if (!process.HasExited)
        {
            process.Kill(entireProcessTree: true);
            process.WaitForExit();
        }

        process.Dispose();
    }

    private static string HostAssembly()
    {
        string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "functions", "ClusterFunctions.Host", "bin", configuration, "net10.0", "ClusterFunctions.Host.dll");
            if (File.Exists(candidate))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("the local Functions host is not built; build functions/ClusterFunctions.Host");
    }
}
