using System.Diagnostics;
using ClusterFunctions.Azurite;
using ClusterFunctions.Tests.Shared.Diagnostics;

namespace ClusterFunctions.Host.Tests;

/// <summary>An Azurite that dies under its owner says so, with how it died; one its owner stops does not.</summary>
public class AzuriteServerTests
{
    [Fact]
    public async Task KilledFromOutside_IsReportedAndLoggedWithTheSignal()
    {
        string log = Path.Combine(Directory.CreateTempSubdirectory("cf-azurite-").FullName, "exits.log");
        await using var azurite = await AzuriteServer.StartAsync(dataDirectory: null, logger: new ArtifactFileLogger(log));
        Assert.Null(azurite.UnexpectedExit);

        Process.GetProcessById(azurite.ProcessId).Kill();

        string expected = $"Azurite {azurite.ProcessId} on ports {string.Join(", ", azurite.Ports)} (started ";
        string logged = await WaitForAsync(() => File.Exists(log) ? File.ReadAllText(log) : "", expected, TimeSpan.FromSeconds(30));
        Assert.Contains("stopped on its own (signal 9)", logged);
        Assert.StartsWith(expected, azurite.UnexpectedExit);
    }

    [Fact]
    public async Task RequestsServed_LeaveTheStartupLinesAsItsLastWords()
    {
        await using var azurite = await AzuriteServer.StartAsync(dataDirectory: null);
        using (var http = new HttpClient())
        {
            for (int request = 0; request < 30; request++)
            {
                // Refused (no signature), and answered: an access log would have a line for each.
                using var _ = await http.GetAsync($"http://127.0.0.1:{azurite.Ports[1]}/devstoreaccount1/probe-{request}");
            }
        }

        Process.GetProcessById(azurite.ProcessId).Kill();

        string lastWords = await WaitForAsync(() => azurite.UnexpectedExit ?? "", "stopped on its own", TimeSpan.FromSeconds(30));
        Assert.Contains("successfully listening", lastWords);
        Assert.DoesNotContain("probe-", lastWords);
    }

    [Fact]
    public async Task StoppedByItsOwner_IsNoUnexpectedExit()
    {
        var azurite = await AzuriteServer.StartAsync(dataDirectory: null);
        using var process = Process.GetProcessById(azurite.ProcessId);

        await azurite.DisposeAsync();

        Assert.True(process.HasExited);
        Assert.Null(azurite.UnexpectedExit);
    }

    private static async Task<string> WaitForAsync(Func<string> read, string expected, TimeSpan timeout)
    {
        using var deadline = new CancellationTokenSource(timeout);
        while (!read().Contains(expected, StringComparison.Ordinal))
        {
            await Task.Delay(50, deadline.Token);
        }

        return read();
    }
}
