using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;
using ClusterFunctions.Azurite;

namespace ClusterFunctions.Bench.Reconcile;

/// <summary>
/// A counting TCP proxy in front of Azurite's blob, queue and table ports: the app's <c>AzureWebJobsStorage</c> points
/// here, so every request the Durable engine and the app make is counted (one per HTTP request, as Azure bills
/// transactions) while the bytes pass unchanged (shared-key signatures stay valid).
/// </summary>
internal sealed partial class StorageProxy : IAsyncDisposable
{
    private readonly TcpListener[] _listeners;
    private readonly long[] _requests = new long[3];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task[] _accepting;

    private StorageProxy(AzuriteServer azurite)
    {
        _listeners = azurite.Ports.Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToArray();
        foreach (TcpListener listener in _listeners)
        {
            listener.Start();
        }

        _accepting = _listeners.Select((listener, service) => AcceptAsync(listener, service, azurite.Ports[service])).ToArray();
        int[] ports = _listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        // Azurite's connection string with each service's port swapped for the proxy's.
        string[] services = ["Blob", "Queue", "Table"];
        ConnectionString = ServicePort().Replace(azurite.ConnectionString, m =>
            $"{m.Groups["service"].Value}Endpoint=http://127.0.0.1:{ports[Array.IndexOf(services, m.Groups["service"].Value)]}");
    }

    /// <summary>A connection string for Azurite through the proxy.</summary>
    public string ConnectionString { get; }

    public static StorageProxy Start(AzuriteServer azurite) => new(azurite);

    /// <summary>The requests counted so far.</summary>
    public StorageTransactions Read() =>
        new(Interlocked.Read(ref _requests[0]), Interlocked.Read(ref _requests[1]), Interlocked.Read(ref _requests[2]));

    private async Task AcceptAsync(TcpListener listener, int service, int upstreamPort)
    {
        while (!_stop.IsCancellationRequested)
        {
            TcpClient client;
            try
            {
                client = await listener.AcceptTcpClientAsync(_stop.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            _ = ForwardAsync(client, service, upstreamPort);
        }
    }

    private async Task ForwardAsync(TcpClient client, int service, int upstreamPort)
    {
        using (client)
        using (var upstream = new TcpClient())
        {
            try
            {
                client.NoDelay = upstream.NoDelay = true;
                await upstream.ConnectAsync(IPAddress.Loopback, upstreamPort, _stop.Token);
                NetworkStream fromClient = client.GetStream();
                NetworkStream toAzurite = upstream.GetStream();
                // Either side closing ends the connection; the other copy then fails on its closed socket.
                await Task.WhenAny(CountingCopyAsync(fromClient, toAzurite, service), toAzurite.CopyToAsync(fromClient, _stop.Token));
            }
            catch (Exception e) when (e is IOException or SocketException or OperationCanceledException)
            {
                // A client or Azurite closed the connection: nothing to count.
            }
        }
    }

    private async Task CountingCopyAsync(NetworkStream from, NetworkStream to, int service)
    {
        var framing = new HttpRequestFraming();
        byte[] buffer = new byte[64 * 1024];
        int read;
        while ((read = await from.ReadAsync(buffer, _stop.Token)) > 0)
        {
            int requests = framing.Feed(buffer.AsSpan(0, read));
            if (requests > 0)
            {
                Interlocked.Add(ref _requests[service], requests);
            }

            await to.WriteAsync(buffer.AsMemory(0, read), _stop.Token);
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        foreach (TcpListener listener in _listeners)
        {
            listener.Stop();
        }

        await Task.WhenAll(_accepting);
        _stop.Dispose();
    }

    [GeneratedRegex(@"(?<service>Blob|Queue|Table)Endpoint=http://127\.0\.0\.1:\d+")]
    private static partial Regex ServicePort();
}
