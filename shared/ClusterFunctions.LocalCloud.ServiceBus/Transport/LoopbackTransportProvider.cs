using System.Net;
using System.Net.Sockets;
using System.Threading.Channels;
using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>
/// Accepts TCP connections on a loopback port, which may be 0 (AMQPNetLite's own TCP listener
/// cannot report the port it bound, and tests must never use fixed ports), runs each one's SASL
/// exchange on its own, and hands AMQPNetLite only connections that passed it.
/// </summary>
internal sealed class LoopbackTransportProvider : TransportProvider
{
    public const string Scheme = "sbemu";

    static readonly TimeSpan SaslTimeout = TimeSpan.FromSeconds(30);

    readonly TcpListener listener;
    readonly SaslNegotiator sasl;
    readonly Channel<IAsyncTransport> ready = Channel.CreateUnbounded<IAsyncTransport>();
    readonly CancellationTokenSource stopping = new();
    readonly TaskCompletionSource<IAsyncTransport> never = new();

    public LoopbackTransportProvider(IPAddress address, int port, SaslNegotiator sasl)
    {
        this.sasl = sasl;
        AddressSchemes = [Scheme];
        listener = new TcpListener(address, port);
        listener.Server.NoDelay = true;
        // A restarted emulator takes its old port back at once, as a restarted broker would.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(256);
        _ = AcceptLoopAsync();
    }

    /// <summary>The port actually bound.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public override async Task<IAsyncTransport> CreateAsync(Address address)
    {
        try
        {
            return await ready.Reader.ReadAsync(stopping.Token).ConfigureAwait(false);
        }
        catch (Exception) when (stopping.IsCancellationRequested)
        {
            // AMQPNetLite's accept loop for custom transports never stops by itself: once closed,
            // hand it a task that never completes instead of letting it spin on errors.
            return await never.Task.ConfigureAwait(false);
        }
    }

    async Task AcceptLoopAsync()
    {
        while (!stopping.IsCancellationRequested)
        {
            Socket socket;
            try
            {
                socket = await listener.AcceptSocketAsync(stopping.Token).ConfigureAwait(false);
            }
            catch (Exception) when (stopping.IsCancellationRequested)
            {
                return;
            }
            catch (SocketException)
            {
                continue; // a client that reset before we accepted it
            }

            socket.NoDelay = true;
            _ = NegotiateAsync(socket);
        }
    }

    async Task NegotiateAsync(Socket socket)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stopping.Token);
        timeout.CancelAfter(SaslTimeout);
        try
        {
            var (ok, principal) = await sasl.NegotiateAsync(socket, timeout.Token).ConfigureAwait(false);
            if (ok && ready.Writer.TryWrite(new SocketTransport(socket) { Principal = principal }))
            {
                return;
            }
        }
        catch (Exception exception) when (exception is SocketException or OperationCanceledException or ObjectDisposedException)
        {
            // the client went away or never finished SASL: drop the socket
        }

        socket.Dispose();
    }

    public override void Dispose()
    {
        stopping.Cancel();
        ready.Writer.TryComplete();
        listener.Stop();
    }
}
