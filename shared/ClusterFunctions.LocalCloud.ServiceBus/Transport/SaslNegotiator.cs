using System.Buffers.Binary;
using System.Net.Sockets;
using System.Security.Principal;
using System.Text;
using Amqp;
using Amqp.Sasl;
using Encoder = Amqp.Types.Encoder;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>
/// The SASL exchange of one accepted socket, done before AMQPNetLite sees the connection: Service
/// Bus's <c>MSSBCBS</c> (the client authorises later through <c>$cbs</c>), <c>PLAIN</c> with the key
/// name and key, and <c>ANONYMOUS</c>. Running it per socket keeps one slow client from holding up
/// every other connection, which AMQPNetLite's accept loop for custom transports would do.
/// </summary>
internal sealed class SaslNegotiator(string keyName, string key)
{
    public const string ServiceBusMechanism = "MSSBCBS";
    const string PlainMechanism = "PLAIN";
    const string AnonymousMechanism = "ANONYMOUS";
    const int MaxSaslFrameBytes = 64 * 1024;

    static readonly byte[] SaslHeader = "AMQP"u8.ToArray().Concat(new byte[] { 3, 1, 0, 0 }).ToArray();

    /// <summary>The principal of a connection that authenticated with PLAIN; null for MSSBCBS and ANONYMOUS.</summary>
    public async Task<(bool Ok, IPrincipal? Principal)> NegotiateAsync(Socket socket, CancellationToken cancellationToken)
    {
        var header = new byte[8];
        if (!await ReadExactlyAsync(socket, header, cancellationToken).ConfigureAwait(false))
        {
            return (false, null);
        }

        // Whatever the client asked for, answer with the SASL header: AMQP 1.0 §2.2 says a server
        // that requires another protocol layer replies with that layer's header and closes.
        await socket.SendAsync(SaslHeader, SocketFlags.None, cancellationToken).ConfigureAwait(false);
        if (!header.AsSpan().SequenceEqual(SaslHeader))
        {
            return (false, null);
        }

        await SendAsync(socket, new SaslMechanisms { SaslServerMechanisms = [ServiceBusMechanism, PlainMechanism, AnonymousMechanism] }, cancellationToken).ConfigureAwait(false);
        var frame = await ReadFrameAsync(socket, cancellationToken).ConfigureAwait(false);
        if (frame is null || Decode(frame) is not SaslInit init)
        {
            return (false, null);
        }

        var (code, principal) = Judge(init);
        await SendAsync(socket, new SaslOutcome { Code = code }, cancellationToken).ConfigureAwait(false);
        return (code == SaslCode.Ok, principal);
    }

    (SaslCode Code, IPrincipal? Principal) Judge(SaslInit init)
    {
        switch (init.Mechanism?.ToString())
        {
            case ServiceBusMechanism:
            case AnonymousMechanism:
                return (SaslCode.Ok, null);
            case PlainMechanism:
                // authzid NUL authcid NUL password (RFC 4616)
                var parts = Encoding.UTF8.GetString(init.InitialResponse ?? []).Split('\0');
                var granted = parts.Length == 3
                    && string.Equals(parts[1], keyName, StringComparison.Ordinal)
                    && System.Security.Cryptography.CryptographicOperations.FixedTimeEquals(Encoding.UTF8.GetBytes(parts[2]), Encoding.UTF8.GetBytes(key));
                return granted ? (SaslCode.Ok, new GenericPrincipal(new GenericIdentity(parts[1], PlainMechanism), null)) : (SaslCode.Auth, null);
            default:
                return (SaslCode.Auth, null);
        }
    }

    static object? Decode(byte[] frame)
    {
        var dataOffset = frame[4] * 4;
        if (frame[5] != 1 || dataOffset >= frame.Length)
        {
            return null;
        }

        try
        {
            return Encoder.ReadObject(new ByteBuffer(frame, dataOffset, frame.Length - dataOffset, frame.Length));
        }
        catch (AmqpException)
        {
            return null;
        }
        catch (InvalidOperationException)
        {
            return null;
        }
    }

    static async Task SendAsync(Socket socket, object command, CancellationToken cancellationToken)
    {
        var body = new ByteBuffer(256, true);
        Encoder.WriteObject(body, command);
        var frame = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        frame[4] = 2; // data offset in 4-byte words
        frame[5] = 1; // SASL frame
        Buffer.BlockCopy(body.Buffer, body.Offset, frame, 8, body.Length);
        await socket.SendAsync(frame, SocketFlags.None, cancellationToken).ConfigureAwait(false);
    }

    static async Task<byte[]?> ReadFrameAsync(Socket socket, CancellationToken cancellationToken)
    {
        var head = new byte[4];
        if (!await ReadExactlyAsync(socket, head, cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var size = BinaryPrimitives.ReadUInt32BigEndian(head);
        if (size is < 8 or > MaxSaslFrameBytes)
        {
            return null;
        }

        var frame = new byte[size];
        head.CopyTo(frame, 0);
        return await ReadExactlyAsync(socket, frame.AsMemory(4), cancellationToken).ConfigureAwait(false) ? frame : null;
    }

    static async Task<bool> ReadExactlyAsync(Socket socket, Memory<byte> target, CancellationToken cancellationToken)
    {
        var read = 0;
        while (read < target.Length)
        {
            var received = await socket.ReceiveAsync(target[read..], SocketFlags.None, cancellationToken).ConfigureAwait(false);
            if (received == 0)
            {
                return false;
            }

            read += received;
        }

        return true;
    }
}
