using System.Diagnostics;
using System.Text.RegularExpressions;
using ClusterFunctions.Bench.E2e;
using ClusterFunctions.ChildProcesses;

namespace ClusterFunctions.Bench.Scale;

/// <summary>
/// One instance of the function app as an operator runs it: the local Functions host in a process of its own (with
/// its worker), started from the host's Release build with <c>--app-dir</c> and <c>--storage</c>, its app settings
/// in the environment as Azure hands them (A__B). Several instances share one storage account (task hub) and queue.
/// </summary>
internal sealed partial class AppInstance : IAsyncDisposable
{
    private readonly Process _process;

    private AppInstance(Process process, Uri baseUrl)
    {
        _process = process;
        BaseUrl = baseUrl;
    }

    public Uri BaseUrl { get; }

    public int ProcessId => _process.Id;

    /// <summary>Starts an instance on <paramref name="port"/> (0: a free one). A restart on the same port comes back
    /// under the same Durable worker id and takes its partition leases back at once instead of waiting for them to
    /// expire.</summary>
    public static async Task<AppInstance> StartAsync(int number, string storage, string stateDirectory,
        IReadOnlyDictionary<string, string> settings, CancellationToken cancellationToken, int port = 0)
    {
        string host = Path.Combine(Repository.Root(), "functions", "ClusterFunctions.Host", "bin", "Release", "net10.0", "ClusterFunctions.Host.dll");
        var environment = settings.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => (string?)s.Value);
        // ChildProcess ties the instance to this process: a bench that dies takes its instances with it.
        Process process = ChildProcess.Start("dotnet",
            [host, "--app-dir", Repository.AppDirectory(), "--port", port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--state", stateDirectory, "--storage", storage],
            Repository.Root(), environment);
        var started = new TaskCompletionSource<Uri>(TaskCreationOptions.RunContinuationsAsynchronously);
        var lines = new List<string>();
        process.OutputDataReceived += (_, e) => Read(e.Data);
        process.ErrorDataReceived += (_, e) => Read(e.Data);
        process.Exited += (_, _) => started.TrySetException(new InvalidOperationException(
            $"instance {number} exited with {process.ExitCode} before it listened:\n{Tail()}"));
        process.EnableRaisingEvents = true;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            Uri baseUrl = await started.Task.WaitAsync(TimeSpan.FromMinutes(2), cancellationToken);
            return new AppInstance(process, baseUrl);
        }
        catch
        {
            process.Kill();
            throw;
        }

        string Tail()
        {
            lock (lines)
            {
                return string.Join('\n', lines);
            }
        }

        void Read(string? line)
        {
            if (line is null)
            {
                return;
            }

            lock (lines)
            {
                // The last lines are enough to say why an instance failed to start.
                lines.Add(line);
                if (lines.Count > 40)
                {
                    lines.RemoveAt(0);
                }
            }

            if (ListeningLine().Match(line) is { Success: true } match)
            {
                started.TrySetResult(new Uri(match.Groups[1].Value));
            }
        }
    }

    /// <summary>CPU seconds used so far by the host and the processes under it (the worker, and Azurite if it has one).</summary>
    public double CpuSeconds() => ProcessTree.CpuSeconds(_process.Id);

    /// <summary>SIGKILL to the host, as a crashed VM or an OOM kill: no cleanup runs (its worker dies with it).</summary>
    public async Task KillHostAsync()
    {
        ProcessTree.Signal(_process.Id, "KILL");
        await _process.WaitForExitAsync();
    }

    /// <summary>SIGKILL to the worker process alone; the host notices and starts another. False when it has none now.</summary>
    public bool KillWorker()
    {
        if (ProcessTree.FindDescendant(_process.Id, "ClusterFunctions.Functions.dll") is not { } worker)
        {
            return false;
        }

        ProcessTree.Signal(worker, "KILL");
        return true;
    }

    /// <summary>Stops the instance as a supervisor would: SIGTERM, then SIGKILL after <paramref name="grace"/>.</summary>
    public async Task StopAsync(TimeSpan grace)
    {
        if (_process.HasExited)
        {
            return;
        }

        ProcessTree.Signal(_process.Id, "TERM");
        using var timeout = new CancellationTokenSource(grace);
        try
        {
            await _process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await StopAsync(TimeSpan.FromSeconds(30));
        _process.Dispose();
    }

    [GeneratedRegex(@"^Functions host on (http://\S+) ")]
    private static partial Regex ListeningLine();
}
