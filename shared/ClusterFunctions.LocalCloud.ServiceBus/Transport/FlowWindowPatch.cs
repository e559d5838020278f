using System.Buffers.Binary;
using static ClusterFunctions.LocalCloud.ServiceBus.Transport.AmqpFrameScanner;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>
/// Lowers a flow frame's session <c>incoming-window</c> above 2^31 - 1 to 2^31 - 1 before AMQPNetLite reads it.
/// <para>
/// Why: the Azure SDKs advertise an incoming-window of 2^32 - 1, and AMQPNetLite 2.5.5 sets a session's send window to
/// <c>next-incoming-id + incoming-window - next-outgoing-id</c> in 32-bit arithmetic, but counts a transfer in
/// next-outgoing-id only after writing it. A flow the client sent on receiving that transfer can arrive in between:
/// the sum is then exactly 2^32, the window wraps to 0, and the session holds every further transfer until the
/// client's next flow, which a timed receive sends only when it gives up (it came back empty and the message arrived
/// with the drain). Under 2^31 the sum cannot wrap, and a sender may always use less window than it was offered.
/// Same length, so only the value's bytes change.
/// </para>
/// </summary>
internal static class FlowWindowPatch
{
    const ulong Flow = 0x13;
    const int IncomingWindowField = 1;
    const byte UInt = 0x70;
    const uint Largest = int.MaxValue;

    /// <summary>Patches one complete frame in place; a frame it does not understand is left as it was.</summary>
    public static void Apply(Span<byte> frame)
    {
        // smalluint and uint0 are below the limit already; only the four-byte form can be too large.
        var window = FieldStart(frame, Flow, IncomingWindowField);
        if (window >= 0 && frame.Length >= window + 5 && frame[window] == UInt
            && BinaryPrimitives.ReadUInt32BigEndian(frame[(window + 1)..]) > Largest)
        {
            BinaryPrimitives.WriteUInt32BigEndian(frame[(window + 1)..], Largest);
        }
    }
}
