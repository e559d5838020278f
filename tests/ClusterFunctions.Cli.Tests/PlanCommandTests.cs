using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Tests;

public class PlanCommandTests
{
    [Theory]
    [InlineData("developer", "southeastasia")]
    [InlineData("testing", "centralindia")]
    [InlineData("production", "centralindia")]
    public async Task Plan_JsonOutput_IsTheMachineFormOfThePlan(string profile, string location)
    {
        var run = await CliRun.RunAsync("plan", "--profile", profile, "--name", "demo", "--catalog", CliRun.Catalog, "--output", "json");

        Assert.Equal(0, run.ExitCode);
        var plan = JsonNode.Parse(run.Output)!;
        Assert.Equal(profile, plan["profile"]!.GetValue<string>());
        Assert.Equal(location, plan["infrastructure"]!["aks"]!["body"]!["location"]!.GetValue<string>());
        Assert.NotEmpty(plan["levels"]!.AsArray());
    }

    [Fact]
    public async Task Plan_TextOutput_SummarisesPoolsLevelsAndPolicies()
    {
        var run = await CliRun.RunAsync("plan", "--profile", "production", "--name", "demo", "--catalog", CliRun.Catalog);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("pool gpu", run.Output);
        Assert.Contains("0..25 nodes GPU", run.Output);
        Assert.Contains("model-serving (4 objects, after redis, kafka", run.Output);
        Assert.Contains("RBAC locked", run.Output);
    }

    [Fact]
    public async Task Plan_YamlOutput_ContainsTheClusterBody()
    {
        var run = await CliRun.RunAsync("plan", "--profile", "developer", "--name", "demo", "--catalog", CliRun.Catalog, "--output", "yaml");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("location: southeastasia", run.Output);
    }

    [Fact]
    public async Task Plan_RegionOverride_ChangesTheLocation()
    {
        var run = await CliRun.RunAsync("plan", "--profile", "developer", "--name", "demo", "--region", "eastasia", "--catalog", CliRun.Catalog, "--output", "json");

        Assert.Equal("eastasia", JsonNode.Parse(run.Output)!["infrastructure"]!["aks"]!["location"]!.GetValue<string>());
    }

    [Fact]
    public async Task Plan_UnknownProfile_IsAOneLineErrorAndExitOne()
    {
        var run = await CliRun.RunAsync("plan", "--profile", "staging", "--name", "demo", "--catalog", CliRun.Catalog);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: request: profile: unknown profile 'staging' (known: developer, production, testing)", run.Error.Trim());
        Assert.Empty(run.Output);
    }

    [Fact]
    public async Task Plan_InvalidName_IsAOneLineErrorAndExitOne()
    {
        var run = await CliRun.RunAsync("plan", "--profile", "developer", "--name", "Not_Valid", "--catalog", CliRun.Catalog);

        Assert.Equal(1, run.ExitCode);
        Assert.Single(run.Error.Trim().Split('\n'));
        Assert.StartsWith("error: request: clusterName: must match", run.Error);
    }

    [Fact]
    public async Task Plan_UnknownOption_IsAUsageError()
    {
        var run = await CliRun.RunAsync("plan", "--profile", "developer", "--nmae", "demo");

        Assert.Equal(2, run.ExitCode);
        Assert.StartsWith("error: unknown option '--nmae' for 'plan'", run.Error);
    }
}
