using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;
using System.Text;

namespace ClusterFunctions.Cli.Tests;

/// <summary>A hand-written stand-in for the function app on loopback: answers each request as the test says and
/// records what the CLI sent (method, path, key, body).</summary>
public sealed class LoopbackApp : IDisposable
{
    private readonly HttpListener listener = new();

    public LoopbackApp()
    {
        Endpoint = $"http://127.0.0.1:{FreePort()}/";
        listener.Prefixes.Add(Endpoint);
        listener.Start();
    }

    public string Endpoint { get; }

    public ConcurrentQueue<(string Method, string Path, string? Key, string Body)> Requests { get; } = new();

    /// <summary>Answers every request with <paramref name="answer"/>, recording it.</summary>
    public void Serve(Func<HttpListenerRequest, (int Status, string Body)> answer) => _ = Task.Run(async () =>
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
            Requests.Enqueue((context.Request.HttpMethod, context.Request.Url!.AbsolutePath, context.Request.Headers["x-functions-key"], await reader.ReadToEndAsync()));
            var (status, body) = answer(context.Request);
            context.Response.StatusCode = status;
            context.Response.ContentType = "application/json";
            await context.Response.OutputStream.WriteAsync(Encoding.UTF8.GetBytes(body));
            context.Response.Close();
        }
    });

    public void Dispose() => listener.Close();

    private static int FreePort()
    {
        using var socket = new TcpListener(IPAddress.Loopback, 0);
        socket.Start();
        return ((IPEndPoint)socket.LocalEndpoint).Port;
    }
}
