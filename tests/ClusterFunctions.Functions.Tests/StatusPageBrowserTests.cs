using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using PuppeteerSharp;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The status page in a real browser (Debian's chromium, headless, driven over the DevTools protocol): a build started
/// while the page is open shows up, its steps turn green as they finish, and the page ends on its ClusterReady event.
/// A screenshot is kept under TestResults.
/// </summary>
public class StatusPageBrowserTests(EmbeddedAppFixture app) : IClassFixture<EmbeddedAppFixture>
{
    private const string Chromium = "/usr/bin/chromium";

    [Fact]
    public async Task StatusPage_WhileABuildRuns_ShowsItsStepsTurnGreenAndItsReadyEvent()
    {
        Assert.True(File.Exists(Chromium), $"{Chromium} is missing: tests/run installs Debian's chromium package");
        await using var browser = await Puppeteer.LaunchAsync(new LaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            // Root in CI has no user namespace for the sandbox; the page under test is our own.
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        await using var page = await browser.NewPageAsync();
        // Script errors fail the test; a 404 while the build does not exist yet is the page polling, not an error.
        var scriptErrors = new List<string>();
        page.PageError += (_, e) => scriptErrors.Add(e.Message);
        page.Console += (_, e) => { if (e.Message.Type == ConsoleType.Error && !e.Message.Text.StartsWith("Failed to load resource", StringComparison.Ordinal)) scriptErrors.Add(e.Message.Text); };
        await page.GoToAsync(new Uri(app.App.BaseAddress, $"api/ui?code={Uri.EscapeDataString(app.FunctionKey)}&cluster=browser-demo").ToString());

        var request = new ClusterRequest("browser-demo", "browser-demo", "developer");
        await app.PostAsync(request);
        await page.WaitForSelectorAsync("#timeline .row[data-state=Running], #timeline .row[data-state=Succeeded]", new WaitForSelectorOptions { Timeout = 60_000 });
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(90));
        await page.WaitForFunctionAsync(
            "() => { const rows = [...document.querySelectorAll('#timeline .row')]; return rows.length > 5 && rows.every(r => r.dataset.state === 'Succeeded'); }",
            new WaitForFunctionOptions { Timeout = 30_000 });
        await page.WaitForFunctionAsync("() => document.querySelector('#events').textContent.includes('io.clusterfunctions.cluster.ready')", new WaitForFunctionOptions { Timeout = 10_000 });
        // A developer cluster lives 8 h: the page says until when, and how to push it back.
        await page.WaitForFunctionAsync("() => document.querySelector('#facts').textContent.includes('./cluster extend browser-demo 4h')", new WaitForFunctionOptions { Timeout = 10_000 });

        var listed = await page.EvaluateExpressionAsync<string>("document.querySelector('tr.cluster[data-name=\"browser-demo\"]').textContent");
        var critical = await page.EvaluateExpressionAsync<int>("document.querySelectorAll('#timeline .bar.critical').length");
        // tests/run names the results folder (next to the TRX files); a run by hand keeps it beside the test binaries.
        var artifacts = Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_TEST_ARTIFACTS") ?? Path.Combine(AppContext.BaseDirectory, "TestResults");
        Directory.CreateDirectory(artifacts);
        await page.ScreenshotAsync(Path.Combine(artifacts, "status-page.png"), new ScreenshotOptions { FullPage = true });

        Assert.Contains("Ready", listed);
        Assert.Contains("developer", listed);
        Assert.Contains("tests", listed);
        Assert.True(critical >= 3, $"the critical path has {critical} steps");
        Assert.Empty(scriptErrors);
    }
}
