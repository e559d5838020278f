using System.Net;
using System.Text;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Catalog;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Tests.Catalog;

/// <summary>
/// The token reaches the Git server as a basic Authorization header, and nowhere else: not in the URL the server
/// sees, not in git's arguments, not in the error the app logs when the server refuses.
/// </summary>
public sealed class GitCredentialsTests
{
    private const string Token = "ghp_catalogTokenThatMustNeverBeLogged123";

    [Fact]
    public async Task Token_IsSentAsBasicAuthorization_AndAppearsInNoErrorOrLogLine()
    {
        using var server = new HttpListener();
        var port = FreePort();
        server.Prefixes.Add($"http://127.0.0.1:{port}/");
        server.Start();
        var seen = new List<(string? Authorization, string Url)>();
        var serving = Task.Run(async () =>
        {
            // Refuses everything, as a host does for a token without access, and remembers what git sent.
            while (server.IsListening)
            {
                HttpListenerContext context;
                try
                {
                    context = await server.GetContextAsync();
                }
                catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
                {
                    return;
                }

                lock (seen)
                {
                    seen.Add((context.Request.Headers["Authorization"], context.Request.RawUrl ?? ""));
                }

                context.Response.StatusCode = 403;
                context.Response.Close();
            }
        });
        var logs = new CapturingLoggerProvider();
        using var loggerFactory = LoggerFactory.Create(l => l.AddProvider(logs).SetMinimumLevel(LogLevel.Trace));
        using var cache = new TempDirectory();
        var options = new GitCatalogOptions { Url = $"http://127.0.0.1:{port}/org/catalog.git", Password = Token, CacheDirectory = cache.Path };
        var source = new CatalogSource(Options.Create(new BuildOptions()), Options.Create(options), TimeProvider.System, loggerFactory.CreateLogger<CatalogSource>());
        var poller = new CatalogPoller(source, Options.Create(options), TimeProvider.System, loggerFactory.CreateLogger<CatalogPoller>());

        var failure = await Assert.ThrowsAsync<CatalogUnavailableException>(() => poller.LoadFirstAsync());
        server.Stop();
        await serving;

        var expected = "Basic " + Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + Token));
        Assert.Contains(seen, s => s.Authorization == expected);
        Assert.All(seen, s => Assert.DoesNotContain(Token, s.Url, StringComparison.Ordinal));
        var everything = string.Join('\n', [failure.Message, .. failure.Problems, .. logs.Lines]);
        Assert.Contains("403", everything, StringComparison.Ordinal);
        Assert.DoesNotContain(Token, everything, StringComparison.Ordinal);
        Assert.DoesNotContain(expected["Basic ".Length..], everything, StringComparison.Ordinal);
    }

    [Fact]
    public void Scrub_TakesTheTokenItsEncodingAndTheUrlsUserInfoOut()
    {
        var options = new GitCatalogOptions { Url = "https://someone@example.com/org/catalog.git?x=1", Password = Token };
        var basic = Convert.ToBase64String(Encoding.UTF8.GetBytes("x-access-token:" + Token));
        var git = new GitCommand("/nowhere", options);

        var scrubbed = git.Scrub($"fatal: unable to access '{options.Url}': token {Token} header {basic}");

        Assert.Equal("fatal: unable to access 'https://example.com/org/catalog.git': token *** header ***", scrubbed);
    }

    private static int FreePort()
    {
        using var probe = new System.Net.Sockets.TcpListener(IPAddress.Loopback, 0);
        probe.Start();
        return ((IPEndPoint)probe.LocalEndpoint).Port;
    }

    private sealed class TempDirectory : IDisposable
    {
        public string Path { get; } = Directory.CreateTempSubdirectory("cf-catalog-cache-").FullName;

        public void Dispose() => Directory.Delete(Path, recursive: true);
    }
}
