using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Tests;

public class CreateCommandTests
{
    [Theory]
    [InlineData("developer")]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task Create_EmbeddedShippedProfile_ExitsZeroAndPrintsOnlyTheClusterReadyEventAsJson(string profile)
    {
        var run = await CliRun.RunAsync("create", "--profile", profile, "--name", $"cli-{profile}", "--catalog", CliRun.Catalog, "--output", "json", "--timeout", "2", "--approve");

        Assert.Equal(0, run.ExitCode);
        var cloudEvent = JsonNode.Parse(run.Output)!;
        Assert.Equal("io.clusterfunctions.cluster.ready", cloudEvent["type"]!.GetValue<string>());
        Assert.Equal($"cli-{profile}", cloudEvent["subject"]!.GetValue<string>());
        Assert.Equal(profile, cloudEvent["data"]!["profile"]!.GetValue<string>());
        Assert.StartsWith("https://127.0.0.1:", cloudEvent["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>());
        Assert.Contains("ok app/model-serving", run.Error);
    }

    [Fact]
    public async Task Create_TextOutput_ShowsEachStepAndTheEvent()
    {
        var run = await CliRun.RunAsync("create", "--profile", "production", "--name", "cli-prod", "--catalog", CliRun.Catalog, "--timeout", "2", "--approve");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("approved by key:cli", run.Output);
        Assert.Contains("ok infrastructure", run.Output);
        Assert.Contains("ok access/locked-rbac", run.Output);
        Assert.Contains("cluster cli-prod is ready. ClusterReady event:", run.Output);
    }

    [Fact]
    public async Task Create_InvalidName_FailsWithTheFieldAndExitOne()
    {
        var run = await CliRun.RunAsync("create", "--profile", "developer", "--name", "Bad_Name", "--catalog", CliRun.Catalog);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: clusterName: must match", run.Error);
    }
}
