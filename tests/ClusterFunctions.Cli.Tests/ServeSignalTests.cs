using System.Diagnostics;
using System.Text;

namespace ClusterFunctions.Cli.Tests;

/// <summary>
/// Ctrl+C on ./cluster serve, as a terminal delivers it: SIGINT to the whole foreground process group. The host alone
/// must get it and stop its children in order; before, Azurite and the worker died with it, the host restarted the
/// worker and waited on storage that was gone.
/// </summary>
public sealed class ServeSignalTests : IDisposable
{
    private readonly string root = Directory.CreateTempSubdirectory("cf-serve-").FullName;

    [Fact]
    public async Task Serve_CtrlCToItsProcessGroup_StopsWithinSecondsLeavingNoProcessAndRestartingNoWorker()
    {
        // setsid makes the CLI lead a process group of its own, as a shell's foreground job is.
        var start = new ProcessStartInfo("setsid")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            WorkingDirectory = root,
        };
        // env --default-signal: a runner started in the background (sh's "&" without job control) passes SIGINT on as
        // ignored, and a terminal's foreground job never has it so; without this the test would test the runner.
        foreach (var argument in new[] { "env", "--default-signal=INT", "dotnet", typeof(CliApp).Assembly.Location, "serve", "--port", "0", "--content-root", root, "--catalog", CliRun.Catalog })
        {
            start.ArgumentList.Add(argument);
        }

        using var serve = Process.Start(start)!;
        var output = new StringBuilder();
        var ready = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        serve.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } if (e.Data == "Ctrl+C stops it.") ready.TrySetResult(); };
        serve.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        serve.BeginOutputReadLine();
        serve.BeginErrorReadLine();
        await ready.Task.WaitAsync(TimeSpan.FromSeconds(120));
        var group = serve.Id;
        Assert.True(Members(group).Count >= 3, $"the host, Azurite and the worker run: {string.Join(", ", Members(group))}");

        var stopwatch = Stopwatch.StartNew();
        using (var interrupt = Process.Start("kill", ["-INT", "--", $"-{group}"]))
        {
            await interrupt!.WaitForExitAsync();
        }

        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        try
        {
            await serve.WaitForExitAsync(guard.Token);
        }
        catch (OperationCanceledException)
        {
            // Say what was still running and what serve printed: a bare timeout tells nothing.
            Assert.Fail($"serve had not stopped 60 s after Ctrl+C (exited: {serve.HasExited}); still in its group: " +
                $"{string.Join("; ", Members(group))}; in its children's sessions: {string.Join("; ", Sessions(group))}; it printed: {output}");
        }

        var printed = output.ToString();

        Assert.True(stopwatch.Elapsed < TimeSpan.FromSeconds(30), $"stopping took {stopwatch.Elapsed}: {printed}");
        Assert.DoesNotContain("starting a new one", printed);
        Assert.DoesNotContain("partition table", printed);
        Assert.Empty(await SettledAsync(() => Members(group)));
        Assert.Empty(Sessions(group));
    }

    /// <summary>The children's watchdog shells notice the host is gone on their next one-second check; wait that out.</summary>
    private static async Task<List<string>> SettledAsync(Func<List<string>> probe)
    {
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(5));
        var left = probe();
        while (left.Count > 0 && !patience.IsCancellationRequested)
        {
            await Task.Delay(100);
            left = probe();
        }

        return left.Where(p => !p.Contains("<defunct>", StringComparison.Ordinal)).ToList();
    }

    /// <summary>Processes still in the CLI's process group.</summary>
    private static List<string> Members(int group) => Pgrep("-g", group);

    /// <summary>Processes still in the sessions the CLI's children opened (their parent was the CLI).</summary>
    private static List<string> Sessions(int group) => Pgrep("-P", group);

    private static List<string> Pgrep(string flag, int id)
    {
        using var pgrep = Process.Start(new ProcessStartInfo("pgrep", [flag, id.ToString(System.Globalization.CultureInfo.InvariantCulture), "-a"]) { RedirectStandardOutput = true })!;
        var lines = pgrep.StandardOutput.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries).ToList();
        pgrep.WaitForExit();
        return lines;
    }

    public void Dispose() => Directory.Delete(root, recursive: true);
}
