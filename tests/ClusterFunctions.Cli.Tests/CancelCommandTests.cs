using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Cli.Tests;

/// <summary>cancel: what it sends the app's cancel route, and what it tells the user about the answer.</summary>
public sealed class CancelCommandTests : IDisposable
{
    private readonly HttpListener listener = new();
    private readonly ConcurrentQueue<(string Method, string Path, string? Key, string Body)> requests = new();
    private readonly string endpoint;

    public CancelCommandTests()
    {
        endpoint = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(endpoint);
        listener.Start();
    }

    [Fact]
    public async Task Cancel_WithReason_PostsItToTheCancelRouteWithTheKey_AndWaitsUntilTheBuildShowsTerminated()
    {
        var polls = 0;
        Serve(request => request.HttpMethod == "POST"
            ? (202, """{"cluster":"demo","reason":"terminated by key:alice: no longer needed"}""")
            : (200, Interlocked.Increment(ref polls) < 2
                ? """{"name":"demo","state":"Building"}"""
                : """{"name":"demo","state":"Terminated","failure":{"step":"infrastructure","cause":"terminated by key:alice: no longer needed"}}"""));

        var run = await CliRun.RunAsync("cancel", "demo", "--reason", "no longer needed", "--endpoint", endpoint, "--key", "k-1");

        Assert.Equal(0, run.ExitCode);
        var post = Assert.Single(requests, r => r.Method == "POST");
        Assert.Equal("/api/clusters/demo/cancel", post.Path);
        Assert.Equal("k-1", post.Key);
        Assert.Equal("no longer needed", JsonNode.Parse(post.Body)!["reason"]!.GetValue<string>());
        Assert.Equal(
            ["cancelling the build of cluster demo: terminated by key:alice: no longer needed", "cluster demo: Terminated at step infrastructure"],
            run.Output.Split('\n', StringSplitOptions.RemoveEmptyEntries));
    }

    [Fact]
    public async Task Cancel_Refused_PrintsTheRefusalOnOneLineAndExitsOne()
    {
        Serve(_ => (403, """{"error":"'key:bob' may not cancel cluster 'demo': only its requester (key:alice) may"}"""));

        var run = await CliRun.RunAsync("cancel", "demo", "--endpoint", endpoint);

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: this key may not do that ('key:bob' may not cancel cluster 'demo': only its requester (key:alice) may): ask the platform team for a key with the needed role",
            run.Error.TrimEnd());
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
