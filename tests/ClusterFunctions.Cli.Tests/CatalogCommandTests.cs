namespace ClusterFunctions.Cli.Tests;

public class CatalogCommandTests
{
    [Fact]
    public async Task Validate_ShippedCatalog_ExitsZero()
    {
        var run = await CliRun.RunAsync("validate", "--catalog", CliRun.Catalog);

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("is valid: 3 profiles, 5 app bundles, 4 policy bundles", run.Output);
    }

    [Fact]
    public async Task Validate_BrokenCatalog_PrintsEveryProblemAndExitsOne()
    {
        var dir = Path.Combine(Path.GetTempPath(), "cf-cli-" + Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        File.WriteAllText(Path.Combine(dir, "p.yaml"), "kind: Profile\nname: p\ninfrastructure:\n  provider: aks\n  region: nowhere\n  nodePools:\n    - { name: Sys, mode: System, vmSize: Standard_D4ds_v5, minCount: 3, maxCount: 1 }\n");
        try
        {
            var run = await CliRun.RunAsync("validate", "--catalog", dir);

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("p.yaml: infrastructure.region: unknown region 'nowhere'", run.Error);
            Assert.Contains("p.yaml: infrastructure.nodePools[0].name: must match ^[a-z][a-z0-9]{0,11}$", run.Error);
            Assert.Contains("p.yaml: infrastructure.nodePools[0].maxCount: must be >= minCount (3)", run.Error);
            Assert.Contains("p.yaml: infrastructure.subscriptionId: is required", run.Error);
        }
        finally
        {
            Directory.Delete(dir, recursive: true);
        }
    }

    [Fact]
    public async Task Profiles_ListsEachProfileWithItsVersionAndRollout()
    {
        var run = await CliRun.RunAsync("profiles", "--catalog", CliRun.Catalog);

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"production\s+[0-9a-f]{12}\s+manual\s+centralindia", run.Output);
        Assert.Matches(@"developer\s+[0-9a-f]{12}\s+auto\s+southeastasia", run.Output);
    }
}
