using System.Globalization;
using System.Text.Json.Nodes;
using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary>
/// <c>./cluster upgrade --profile NAME [--wave-size N] [--dry-run]</c>: upgrades a profile's clusters to its current
/// version on a running host, printing each cluster's diff, then each cluster as its wave moves, until the upgrade is
/// done; exit 0 when it succeeded (or the dry run is done), 1 when a wave failed.
/// </summary>
public sealed class UpgradeCommand : ICliCommand
{
    private static readonly TimeSpan Poll = TimeSpan.FromSeconds(1);

    public CommandSpec Spec { get; } = new("upgrade a profile's clusters to its current version in waves: --profile NAME [--wave-size N] [--dry-run] [--endpoint URL]",
        ["--endpoint", "--key", "--profile", "--wave-size"], ["--dry-run"]);

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var profile = arguments.Require("--profile");
        var waveSize = 1;
        if (arguments.Get("--wave-size") is { } text && !int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out waveSize))
        {
            throw new CliUsageException($"--wave-size must be a whole number of clusters (1-100), got '{text}'");
        }

        using var api = RemoteApi.Connect(arguments);
        var (status, body) = await api.UpgradeAsync(profile, waveSize, arguments.Has("--dry-run"), cancellationToken);
        if (status != 202)
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, body)}");
            return 1;
        }

        output.WriteLine($"{body?["message"]} ({body?["id"]})");
        var statusPath = body!["statusQueryGetUri"]!.GetValue<string>().TrimStart('/');
        var shownDiffs = false;
        var shown = new Dictionary<string, string>(StringComparer.Ordinal);
        while (true)
        {
            var (_, view) = await api.GetAsync(statusPath, cancellationToken);
            if (view?["upgrade"] is { } upgrade && view["id"]?.ToString() == body["id"]?.ToString())
            {
                shownDiffs = ShowDiffs(upgrade, shownDiffs, output);
                ShowClusters(upgrade, shown, output);
                if (view["runtimeStatus"]?.ToString() is "Completed" or "Failed" or "Terminated")
                {
                    return Finish(upgrade, output, error);
                }
            }

            await Task.Delay(Poll, cancellationToken);
        }
    }

    private static bool ShowDiffs(JsonNode upgrade, bool shown, TextWriter output)
    {
        if (shown || upgrade["state"]?.ToString() == "Planning" || upgrade["diffs"] is not JsonArray diffs || (diffs.Count == 0 && upgrade["state"]?.ToString() == "Upgrading"))
        {
            return shown;
        }

        foreach (var diff in diffs)
        {
            output.WriteLine(UpgradeText.Diff(diff!));
        }

        foreach (var skipped in upgrade["skipped"]?.AsArray() ?? [])
        {
            output.WriteLine($"skipped {skipped}");
        }

        return true;
    }

    private static void ShowClusters(JsonNode upgrade, Dictionary<string, string> shown, TextWriter output)
    {
        foreach (var cluster in upgrade["clusters"]?.AsArray() ?? [])
        {
            var line = UpgradeText.Cluster(cluster!);
            if (cluster!["state"]?.ToString() != "Pending" && shown.GetValueOrDefault(cluster["name"]!.ToString()) != line)
            {
                shown[cluster["name"]!.ToString()] = line;
                output.WriteLine(line);
            }
        }
    }

    private static int Finish(JsonNode upgrade, TextWriter output, TextWriter error)
    {
        var state = upgrade["state"]?.ToString();
        var counts = string.Join(", ", (upgrade["clusters"]?.AsArray() ?? []).GroupBy(c => c!["state"]!.ToString()).Select(g => $"{g.Count()} {g.Key}"));
        switch (state)
        {
            case "DryRun":
                output.WriteLine($"dry run of profile {upgrade["profile"]} to version {upgrade["profileVersion"]}: nothing was changed");
                return 0;
            case "Succeeded":
                output.WriteLine($"profile {upgrade["profile"]} upgraded to version {upgrade["profileVersion"]}: {(counts.Length > 0 ? counts : "no cluster needed it")}");
                return 0;
            default:
                error.WriteLine($"upgrade of profile {upgrade["profile"]} to version {upgrade["profileVersion"]} failed: {upgrade["error"]} ({counts})");
                return 1;
        }
    }
}
