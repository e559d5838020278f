using System.Net;
using System.Net.Sockets;
using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Tests;

/// <summary>What a new user hits first: no host running, a missing key, a typo, a help flag, Ctrl+C. Each ends in one line and a meaningful exit code.</summary>
public class RoughEdgeTests
{
    [Theory]
    [InlineData("list")]
    [InlineData("status", "demo")]
    [InlineData("describe", "demo")]
    [InlineData("kubeconfig", "demo")]
    [InlineData("delete", "demo")]
    [InlineData("approve", "demo")]
    [InlineData("cancel", "demo")]
    public async Task CommandsAgainstAHost_NoHostRunning_PrintOneLineAndExitOne(params string[] command)
    {
        var endpoint = $"http://127.0.0.1:{UnusedPort()}";

        var run = await CliRun.RunAsync([.. command, "--endpoint", endpoint]);

        Assert.Equal(1, run.ExitCode);
        Assert.StartsWith($"error: no ClusterFunctions host answers at {endpoint}/", run.Error);
        Assert.Contains("./cluster serve", run.Error);
        Assert.Single(run.Error.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public void Unauthorized_SaysHowToPassAKey()
    {
        var line = ApiErrors.Describe(401, System.Text.Json.Nodes.JsonNode.Parse("""{"error":"a function key is required"}"""));

        Assert.Contains("--key KEY", line);
        Assert.Contains("CLUSTERFUNCTIONS_KEY", line);
        Assert.Contains("a function key is required", line);
    }

    [Theory]
    [InlineData("create")]
    [InlineData("plan")]
    [InlineData("serve")]
    [InlineData("emulate")]
    [InlineData("approve")]
    [InlineData("delete")]
    [InlineData("cancel")]
    [InlineData("events")]
    public async Task Help_ListsEveryOptionOfTheCommandWithItsMeaning(string command)
    {
        var run = await CliRun.RunAsync(command, "--help");

        Assert.Equal(0, run.ExitCode);
        var optionLines = run.Output.Split('\n').Where(l => l.TrimStart().StartsWith("--", StringComparison.Ordinal)).ToList();
        Assert.NotEmpty(optionLines);
        Assert.All(optionLines, line => Assert.Matches(@"^\s+--[a-z-]+( VALUE)?\s{2,}\S", line));
    }

    [Fact]
    public async Task CreateHelp_NamesTheFlagsAUserNeeds()
    {
        var run = await CliRun.RunAsync("create", "--help");

        foreach (var flag in new[] { "--profile", "--name", "--region", "--request-id", "--output", "--endpoint", "--key", "--catalog", "--timeout", "--keep-running", "--approve" })
        {
            Assert.Contains(flag, run.Output);
        }
    }

    [Fact]
    public async Task Create_UnknownProfile_IsRefusedBeforeAnyEmulatorStarts()
    {
        var run = await CliRun.RunAsync("create", "--profile", "nope", "--name", "demo", "--catalog", CliRun.Catalog);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("error: profile: unknown profile 'nope'", run.Error);
        Assert.DoesNotContain("starting LocalCloud", run.Output + run.Error);
    }

    [Fact]
    public async Task Create_CtrlCWhileWaitingForApproval_PrintsOneLineAndExits130()
    {
        var output = new SignallingWriter("waiting for approval");
        var error = new StringWriter();
        using var ctrlC = new CancellationTokenSource();
        var create = CliApp.RunAsync(["create", "--profile", "production", "--name", "cli-interrupted", "--catalog", CliRun.Catalog, "--timeout", "2"], output, error, ctrlC.Token);

        await output.Seen.WaitAsync(TimeSpan.FromMinutes(2));
        ctrlC.Cancel();
        var exit = await create;

        Assert.Equal(CliApp.InterruptedExitCode, exit);
        Assert.Equal("interrupted", error.ToString().Trim());
        Assert.Matches(@"\./cluster approve cli-interrupted --endpoint http://127\.0\.0\.1:\d+/ --key ""\$\(cat .+function-key\)""", output.ToString());
    }

    private static int UnusedPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
