using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Tests;

/// <summary>extend: what it sends the app's extend route, and what it tells the user about the answer.</summary>
public sealed class ExtendCommandTests : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(string Method, string Path, string? Key, string Body)> requests = new();
    private readonly string endpoint;

    public ExtendCommandTests()
    {
        endpoint = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(endpoint);
        listener.Start();
    }

    [Fact]
    public async Task Extend_NameAndDuration_PostsTheDurationToTheExtendRouteWithTheKey_AndPrintsTheNewExpiry()
    {
        Serve(_ => (202, """{"cluster":"demo","expiresAt":"2026-12-04T18:00:00+00:00","by":"key:alice"}"""));

        var run = await CliRun.RunAsync("extend", "demo", "4h", "--endpoint", endpoint, "--key", "k-1");

        Assert.Equal(0, run.ExitCode);
        var post = Assert.Single(requests);
        Assert.Equal(("POST", "/api/clusters/demo/extend", "k-1"), (post.Method, post.Path, post.Key));
        Assert.Equal("4h", JsonNode.Parse(post.Body)!["by"]!.GetValue<string>());
        Assert.Equal("cluster demo now expires at 2026-12-04T18:00:00+00:00 (extended by 4h)", run.Output.TrimEnd());
    }

    [Fact]
    public async Task Extend_WithoutADuration_IsAUsageErrorAndSendsNothing()
    {
        Serve(_ => (202, "{}"));

        var run = await CliRun.RunAsync("extend", "demo", "--endpoint", endpoint);

        Assert.NotEqual(0, run.ExitCode);
        Assert.Contains("'extend' needs --by", run.Error);
        Assert.Empty(requests);
    }

    [Fact]
    public async Task Extend_NoExpiry_PrintsTheConflictAndExitsOne()
    {
        Serve(_ => (409, """{"error":"cluster 'demo' has no expiry to extend: it has no ttl, is not Ready yet, or is being deleted"}"""));

        var run = await CliRun.RunAsync("extend", "demo", "--by", "4h", "--endpoint", endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("cluster 'demo' has no expiry to extend", run.Error);
    }

    public void Dispose() => listener.Close();

    /// <summary>Answers every request with <paramref name="answer"/>, recording it.</summary>
    private void Serve(Func<HttpListenerRequest, (int Status, string Body)> answer) => _ = Task.Run(async () =>
    {
        while (listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            using var reader = new StreamReader(context.Request.InputStream, Encoding.UTF8);
            requests.Enqueue((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["x-functions-key"], await reader.ReadToEndAsync()));
            var (status, body) = answer(context.Request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
            context.Response.Close();
        }
    });

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
