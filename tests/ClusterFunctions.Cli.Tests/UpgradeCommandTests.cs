using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Tests;

/// <summary>upgrade: what it sends the upgrade route, and how it follows the upgrade to its end for the user.</summary>
public sealed class UpgradeCommandTests : IDisposable
{
    private const string Accepted = """{"id":"upgrade-developer-v2","profile":"developer","message":"upgrading profile 'developer' to version v2","statusQueryGetUri":"/api/profiles/developer/upgrade"}""";

    private const string Diff = """
        {"clusterName":"a","fromVersion":"v1","toVersion":"v2",
         "infrastructure":{"kubernetesVersionFrom":"1.32","kubernetesVersionTo":"1.33","nodePools":[{"name":"apps","change":"changed","details":"maxCount 3 -> 4"}],"bodyChanged":true,
                           "refusals":["node pool gpu: AKS cannot change a pool's vmSize"]},
         "manifests":{"create":[],"change":["Deployment redis/redis"],"delete":["Role ai/model-serving-developer"],"restamped":12}}
        """;

    private readonly LoopbackApp app = new();

    [Fact]
    public async Task Upgrade_DryRun_PostsWaveSizeAndDryRunWithTheKey_PrintsEachClustersDiff_AndExitsZero()
    {
        app.Serve(request => request.HttpMethod == "POST" ? (202, Accepted.Replace("upgrade\"", "upgrade?dryRun=true\"", StringComparison.Ordinal)) : (200, Status("DryRun", "NotAttempted")));

        var run = await CliRun.RunAsync("upgrade", "--profile", "developer", "--wave-size", "2", "--dry-run", "--endpoint", app.Endpoint, "--key", "k-1");

        Assert.Equal(0, run.ExitCode);
        var post = app.Requests.First();
        Assert.Equal(("POST", "/api/profiles/developer/upgrade", "k-1"), (post.Method, post.Path, post.Key));
        Assert.Equal(2, JsonNode.Parse(post.Body)!["waveSize"]!.GetValue<int>());
        Assert.True(JsonNode.Parse(post.Body)!["dryRun"]!.GetValue<bool>());
        Assert.Contains(app.Requests, r => r.Method == "GET" && r.Path == "/api/profiles/developer/upgrade");
        Assert.Contains("a: version v1 -> v2", run.Output);
        Assert.Contains("ARM: Kubernetes 1.32 -> 1.33 (control plane, then each node pool)", run.Output);
        Assert.Contains("ARM: node pool apps changed: maxCount 3 -> 4", run.Output);
        Assert.Contains("ARM refuses: node pool gpu: AKS cannot change a pool's vmSize", run.Output);
        Assert.Contains("change: Deployment redis/redis", run.Output);
        Assert.Contains("delete: Role ai/model-serving-developer", run.Output);
        Assert.Contains("12 other objects only take the new profile version", run.Output);
        Assert.EndsWith("dry run of profile developer to version v2: nothing was changed", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Upgrade_WaveFails_PrintsEachClustersStateAsItMoves_AndExitsOne()
    {
        var gets = 0;
        app.Serve(request => request.HttpMethod == "POST"
            ? (202, Accepted)
            : (200, Interlocked.Increment(ref gets) == 1 ? Status("Upgrading", "Upgrading", running: true) : Status("Failed", "Failed")));

        var run = await CliRun.RunAsync("upgrade", "--profile", "developer", "--endpoint", app.Endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(1, JsonNode.Parse(app.Requests.First().Body)!["waveSize"]!.GetValue<int>());
        Assert.Contains("wave 1: a Upgrading", run.Output);
        Assert.Contains("wave 1: a Failed: infrastructure: RequestDisallowedByPolicy", run.Output);
        Assert.Contains("wave 2: b NotAttempted", run.Output);
        Assert.Contains("upgrade of profile developer to version v2 failed: wave 1 failed (a) (1 Failed, 1 NotAttempted)", run.Error);
    }

    [Fact]
    public async Task Upgrade_WaveSizeNotANumber_IsAUsageError_AndARefusalIsPrinted()
    {
        app.Serve(_ => (403, """{"error":"'key:dev' may not upgrade profiles: only a caller with role 'platform' may"}"""));

        var usage = await CliRun.RunAsync("upgrade", "--profile", "developer", "--wave-size", "two", "--endpoint", app.Endpoint);
        Assert.Empty(app.Requests);
        var refused = await CliRun.RunAsync("upgrade", "--profile", "developer", "--endpoint", app.Endpoint);

        Assert.NotEqual(0, usage.ExitCode);
        Assert.Contains("--wave-size must be a whole number of clusters (1-100), got 'two'", usage.Error);
        Assert.Equal(1, refused.ExitCode);
        Assert.Contains("only a caller with role 'platform' may", refused.Error);
    }

    public void Dispose() => app.Dispose();

    /// <summary>The upgrade route's answer: one cluster in wave 1 (in <paramref name="first"/>), one in wave 2.</summary>
    private static string Status(string state, string first, bool running = false)
    {
        var error = first == "Failed" ? ",\"error\":\"infrastructure: RequestDisallowedByPolicy: disallowed\"" : "";
        var second = state is "Failed" or "DryRun" ? "NotAttempted" : "Pending";
        var upgradeError = state == "Failed" ? ",\"error\":\"wave 1 failed (a)\"" : "";
        return $$$"""
            {"id":"upgrade-developer-v2","runtimeStatus":"{{{(running ? "Running" : "Completed")}}}",
             "upgrade":{"profile":"developer","profileVersion":"v2","dryRun":false,"waveSize":1,"state":"{{{state}}}","diffs":[{{{Diff}}}],"waves":[["a"],["b"]],"skipped":[]{{{upgradeError}}},
                        "clusters":[{"name":"a","wave":1,"state":"{{{first}}}"{{{error}}}},{"name":"b","wave":2,"state":"{{{second}}}"}]}}
            """;
    }
}
