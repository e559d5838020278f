using System.Diagnostics;
using System.Text;

namespace ClusterFunctions.Functions.Catalog;

/// <summary>
/// Runs the <c>git</c> command on one repository with arguments as a list (no shell), never prompting, with the
/// credentials in its environment only. What git prints about a failure is scrubbed before anyone sees it.
/// </summary>
public sealed class GitCommand(string gitDirectory, GitCatalogOptions options)
{
    private static readonly TimeSpan Timeout = TimeSpan.FromMinutes(5);

    public async Task<string> RunAsync(IEnumerable<string> arguments, IReadOnlyDictionary<string, string>? environment = null, CancellationToken cancellationToken = default)
    {
        var start = new ProcessStartInfo("git")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            RedirectStandardInput = true,
            UseShellExecute = false,
        };
        start.ArgumentList.Add("--git-dir=" + gitDirectory);
        foreach (var argument in arguments)
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_TERMINAL_PROMPT"] = "0";
        start.Environment["GCM_INTERACTIVE"] = "never";
        start.Environment["LC_ALL"] = "C";
        if (!string.IsNullOrEmpty(options.Password))
        {
            // In the environment, not "-c" on the command line: a process's arguments are visible to every user of
            // the machine, its environment only to its own. The header keeps the token out of the URL and so out of
            // git's messages.
            start.Environment["GIT_CONFIG_COUNT"] = "1";
            start.Environment["GIT_CONFIG_KEY_0"] = "http.extraHeader";
            start.Environment["GIT_CONFIG_VALUE_0"] = "Authorization: Basic " + BasicCredential();
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            start.Environment[name] = value;
        }

        using var process = Process.Start(start) ?? throw new GitCommandException("git could not be started");
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync(cancellationToken);
        var error = process.StandardError.ReadToEndAsync(cancellationToken);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(Timeout);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            cancellationToken.ThrowIfCancellationRequested();
            throw new GitCommandException($"git {Describe(start)} did not finish within {Timeout.TotalMinutes} minutes");
        }

        if (process.ExitCode != 0)
        {
            throw new GitCommandException($"git {Describe(start)} failed ({process.ExitCode}): {Scrub((await error).Trim())}");
        }

        return (await output).Trim();
    }

    /// <summary>Takes the URL's secrets and the credentials out of anything git printed.</summary>
    public string Scrub(string text)
    {
        if (!string.IsNullOrEmpty(options.Url))
        {
            text = text.Replace(options.Url, GitUrls.Redact(options.Url), StringComparison.Ordinal);
        }

        if (!string.IsNullOrEmpty(options.Password))
        {
            text = text.Replace(options.Password, "***", StringComparison.Ordinal).Replace(BasicCredential(), "***", StringComparison.Ordinal);
        }

        return text;
    }

    private string BasicCredential() => Convert.ToBase64String(Encoding.UTF8.GetBytes($"{options.EffectiveUsername}:{options.Password}"));

    // The subcommand only: arguments carry the URL, and the snapshot paths say nothing useful.
    private static string Describe(ProcessStartInfo start) => start.ArgumentList.FirstOrDefault(a => !a.StartsWith('-')) ?? "";
}
