using System.Net.Sockets;
using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>An AMQPNetLite transport over one accepted loopback socket.</summary>
internal sealed class SocketTransport(Socket socket) : IAsyncTransport
{
    public void SetConnection(Connection connection)
    {
        // The listener side never connects; AMQPNetLite calls this only on client transports.
    }

    public Task SendAsync(IList<ByteBuffer> bufferList, int listSize)
    {
        var segments = new List<ArraySegment<byte>>(bufferList.Count);
        foreach (var buffer in bufferList)
        {
            segments.Add(new ArraySegment<byte>(buffer.Buffer, buffer.Offset, buffer.Length));
        }

        return SendAllAsync(segments, listSize);
    }

    public async Task<int> ReceiveAsync(byte[] buffer, int offset, int count) =>
        await socket.ReceiveAsync(new ArraySegment<byte>(buffer, offset, count), SocketFlags.None).ConfigureAwait(false);

    public void Send(ByteBuffer buffer) => socket.Send(buffer.Buffer, buffer.Offset, buffer.Length, SocketFlags.None);

    public int Receive(byte[] buffer, int offset, int count) => socket.Receive(buffer, offset, count, SocketFlags.None);

    public void Close() => socket.Dispose();

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
