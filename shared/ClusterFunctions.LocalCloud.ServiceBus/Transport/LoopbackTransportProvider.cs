using System.Net;
using System.Net.Sockets;
using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>
/// Accepts TCP connections on a loopback port, which may be 0: AMQPNetLite's own TCP listener
/// cannot report the port it bound, and tests must never use fixed ports.
/// </summary>
internal sealed class LoopbackTransportProvider : TransportProvider
{
    public const string Scheme = "sbemu";

    readonly TcpListener listener;
    readonly TaskCompletionSource<IAsyncTransport> never = new();
    volatile bool disposed;

    public LoopbackTransportProvider(IPAddress address, int port)
    {
        AddressSchemes = [Scheme];
        listener = new TcpListener(address, port);
        listener.Server.NoDelay = true;
        // A restarted emulator takes its old port back at once, as a restarted broker would.
        listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        listener.Start(64);
    }

    /// <summary>The port actually bound.</summary>
    public int Port => ((IPEndPoint)listener.LocalEndpoint).Port;

    public override async Task<IAsyncTransport> CreateAsync(Address address)
    {
        Socket socket;
        try
        {
            socket = await listener.AcceptSocketAsync().ConfigureAwait(false);
        }
        catch (Exception) when (disposed)
        {
            // AMQPNetLite's accept loop for custom transports never stops by itself: once closed,
            // hand it a task that never completes instead of letting it spin on errors.
            return await never.Task.ConfigureAwait(false);
        }

        socket.NoDelay = true;
        return new SocketTransport(socket);
    }

    public override void Dispose()
    {
        disposed = true;
        listener.Stop();
    }
}
