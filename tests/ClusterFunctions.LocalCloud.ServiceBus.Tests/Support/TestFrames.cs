using System.Buffers.Binary;
using Amqp;
using Amqp.Types;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

/// <summary>AMQP frames as they arrive on the wire, for the tests of the patches applied to incoming frames.</summary>
internal static class TestFrames
{
    /// <summary>One AMQP frame (channel 0) carrying <paramref name="performative"/>, encoded by AMQPNetLite.</summary>
    public static byte[] Of(DescribedList performative)
    {
        var body = new ByteBuffer(256, true);
        performative.Encode(body);
        var frame = new byte[8 + body.Length];
        BinaryPrimitives.WriteUInt32BigEndian(frame, (uint)frame.Length);
        frame[4] = 2; // data offset in 4-byte words
        Buffer.BlockCopy(body.Buffer, body.Offset, frame, 8, body.Length);
        return frame;
    }

    /// <summary>The performative of a frame made by <see cref="Of"/>, decoded by AMQPNetLite.</summary>
    public static T Decode<T>(byte[] frame) => (T)Encoder.ReadObject(new ByteBuffer(frame, 8, frame.Length - 8, frame.Length));
}
