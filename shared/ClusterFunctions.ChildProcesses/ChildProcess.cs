using System.Diagnostics;

namespace ClusterFunctions.ChildProcesses;

/// <summary>
/// Starts child processes (the Functions host's worker, an Azurite) so that they cannot outlive their parent: on Unix
/// each child starts under a small shell that forks a watcher, then execs the real program in its own place; the
/// watcher kills the program once the parent's process id is gone, even when the parent dies by SIGKILL and runs no
/// cleanup. The program runs in a session of its own (setsid), so Ctrl+C in the parent's terminal, which signals the
/// whole foreground process group, reaches the parent alone: it then stops its children in order, instead of finding
/// Azurite and the worker already dead, restarting the worker and waiting on a storage that is gone.
/// </summary>
public static class ChildProcess
{
    // $1 = parent pid; the rest is the command. The subshell's $$ is the shell's pid, which the exec hands to the program.
    // setsid execs in place (the shell is no group leader), so the program keeps that pid.
    private const string WatchdogScript =
        "host=$1; shift; ( while kill -0 \"$host\" 2>/dev/null && kill -0 $$ 2>/dev/null; do sleep 1; done; " +
        "kill -0 \"$host\" 2>/dev/null || kill -KILL $$ 2>/dev/null ) </dev/null >/dev/null 2>&1 & " +
        "if command -v setsid >/dev/null 2>&1; then exec setsid \"$@\"; else exec \"$@\"; fi";

    /// <summary>Starts <paramref name="fileName"/> with <paramref name="arguments"/>, output redirected, environment
    /// extended by <paramref name="environment"/>.</summary>
    public static Process Start(string fileName, IEnumerable<string> arguments, string workingDirectory,
        IReadOnlyDictionary<string, string?> environment)
    {
        var start = new ProcessStartInfo
        {
            WorkingDirectory = workingDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        if (OperatingSystem.IsWindows())
        {
            start.FileName = fileName;
        }
        else
        {
            start.FileName = "/bin/sh";
            start.ArgumentList.Add("-c");
            start.ArgumentList.Add(WatchdogScript);
            start.ArgumentList.Add("clusterfunctions-host-watchdog");
            start.ArgumentList.Add(Environment.ProcessId.ToString(System.Globalization.CultureInfo.InvariantCulture));
            start.ArgumentList.Add(fileName);
        }

        foreach (string argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        foreach ((string key, string? value) in environment)
        {
            start.Environment[key] = value;
        }

        return Process.Start(start) ?? throw new InvalidOperationException($"could not start {fileName}");
    }

    /// <summary>Kills the process if it still runs and waits for it, up to <paramref name="timeout"/>.</summary>
    public static async Task KillAsync(Process process, TimeSpan timeout)
    {
        try
        {
            if (!process.HasExited)
            {
                process.Kill(entireProcessTree: true);
            }

            using var wait = new CancellationTokenSource(timeout);
            await process.WaitForExitAsync(wait.Token);
        }
        catch (Exception e) when (e is InvalidOperationException or OperationCanceledException or System.ComponentModel.Win32Exception)
        {
            // Already gone, or not gone in time: nothing more a stop can do.
        }
    }
}
