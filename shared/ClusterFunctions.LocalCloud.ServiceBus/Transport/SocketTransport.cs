using System.Net.Sockets;
using System.Security.Principal;
using Amqp;
using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>
/// An AMQPNetLite transport over one accepted loopback socket. It reads whole frames so that
/// <see cref="SymbolKeyPatch"/> can make other SDKs' dispositions decodable and <see cref="FlowWindowPatch"/> can keep
/// AMQPNetLite's session window from wrapping, before AMQPNetLite sees them.
/// </summary>
internal sealed class SocketTransport(Socket socket) : IAsyncTransport, IAuthenticated
{
    const int MaxFrameBytes = 64 * 1024 * 1024;

    /// <summary>Set when the connection authenticated with SASL PLAIN; AMQPNetLite copies it onto the connection.</summary>
    public IPrincipal? Principal { get; init; }

    byte[] pending = [];
    int pendingOffset;

    public void SetConnection(Connection connection)
    {
        // The listener side never connects; AMQPNetLite calls this only on client transports.
    }

    // AMQPNetLite's listener sends its protocol header and open as soon as the connection starts,
    // before the client's header came. AMQP allows that pipelining, but the JavaScript SDK (rhea)
    // then reads our header and open in the same chunk as the SASL outcome, sets them aside and
    // never looks at them again: its open waits forever. Nothing goes out before the client's header.
    readonly TaskCompletionSource clientHeaderReceived = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public async Task SendAsync(IList<ByteBuffer> bufferList, int listSize)
    {
        var segments = new List<ArraySegment<byte>>(bufferList.Count);
        foreach (var buffer in bufferList)
        {
            segments.Add(new ArraySegment<byte>(buffer.Buffer, buffer.Offset, buffer.Length));
        }

        await clientHeaderReceived.Task.ConfigureAwait(false);
        await SendAllAsync(segments, listSize).ConfigureAwait(false);
    }

    public async Task<int> ReceiveAsync(byte[] buffer, int offset, int count)
    {
        if (pendingOffset == pending.Length && !await ReadUnitAsync().ConfigureAwait(false))
        {
            clientHeaderReceived.TrySetResult(); // the client left: let pending sends fail rather than wait
            return 0;
        }

        var copied = Math.Min(count, pending.Length - pendingOffset);
        Buffer.BlockCopy(pending, pendingOffset, buffer, offset, copied);
        pendingOffset += copied;
        return copied;
    }

    public void Send(ByteBuffer buffer)
    {
        clientHeaderReceived.Task.GetAwaiter().GetResult();
        socket.Send(buffer.Buffer, buffer.Offset, buffer.Length, SocketFlags.None);
    }

    public int Receive(byte[] buffer, int offset, int count) => ReceiveAsync(buffer, offset, count).GetAwaiter().GetResult();

    public void Close()
    {
        clientHeaderReceived.TrySetResult();
        socket.Dispose();
    }

    /// <summary>Reads one protocol header (8 bytes, "AMQP...") or one whole frame, patched, into the pending buffer.</summary>
    async Task<bool> ReadUnitAsync()
    {
        var head = new byte[4];
        if (!await ReadExactlyAsync(head).ConfigureAwait(false))
        {
            return false;
        }

        byte[] unit;
        if (head[0] == (byte)'A')
        {
            unit = new byte[8];
            clientHeaderReceived.TrySetResult();
        }
        else
        {
            var size = (int)System.Buffers.Binary.BinaryPrimitives.ReadUInt32BigEndian(head);
            unit = new byte[size is >= 8 and <= MaxFrameBytes ? size : 4];
        }

        head.CopyTo(unit, 0);
        if (unit.Length > 4 && !await ReadExactlyAsync(unit.AsMemory(4)).ConfigureAwait(false))
        {
            return false;
        }

        if (unit.Length >= 8 && head[0] != (byte)'A')
        {
            SymbolKeyPatch.Apply(unit);
            FlowWindowPatch.Apply(unit);
        }

        pending = unit;
        pendingOffset = 0;
        return true;
    }

    async Task<bool> ReadExactlyAsync(Memory<byte> target)
    {
        var read = 0;
        while (read < target.Length)
        {
            var received = await socket.ReceiveAsync(target[read..], SocketFlags.None).ConfigureAwait(false);
            if (received == 0)
            {
                return false;
            }

            read += received;
        }

        return true;
    }

    async Task SendAllAsync(List<ArraySegment<byte>> segments, int total)
    {
        // Socket.SendAsync may write part of a list; keep going until every byte is out.
        var sent = await socket.SendAsync(segments, SocketFlags.None).ConfigureAwait(false);
        while (sent < total)
        {
            var rest = Skip(segments, sent);
            sent += await socket.SendAsync(rest, SocketFlags.None).ConfigureAwait(false);
        }
    }

    static List<ArraySegment<byte>> Skip(List<ArraySegment<byte>> segments, int bytes)
    {
        var rest = new List<ArraySegment<byte>>();
        foreach (var segment in segments)
        {
            if (bytes >= segment.Count)
            {
                bytes -= segment.Count;
                continue;
            }

            rest.Add(segment.Slice(bytes));
            bytes = 0;
        }

        return rest;
    }
}
