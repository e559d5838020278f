using System.Buffers.Binary;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>Reads just enough of AMQP 1.0's type encoding (§1.6) to find a field inside a frame, for the patches
/// applied to incoming frames before AMQPNetLite decodes them.</summary>
internal static class AmqpFrameScanner
{
    public const byte Described = 0x00;
    const byte SmallUlong = 0x53;

    /// <summary>
    /// Where field <paramref name="field"/> (from 0) of a frame's performative starts, when the performative is
    /// <paramref name="descriptor"/>; -1 for another performative, a field the frame does not carry, an empty
    /// (heartbeat) or SASL frame, or a shape this scanner does not read (AMQPNetLite will judge those).
    /// </summary>
    public static int FieldStart(ReadOnlySpan<byte> frame, ulong descriptor, int field)
    {
        try
        {
            var position = frame[4] * 4;
            if (frame.Length <= position || frame[5] != 0 || ReadDescriptor(frame, ref position) != descriptor)
            {
                return -1;
            }

            var (count, end) = ReadListHeader(frame, ref position);
            for (var index = 0; index < count && position < end; index++)
            {
                if (index == field)
                {
                    return position < frame.Length ? position : -1;
                }

                Skip(frame, ref position);
            }
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
        }

        return -1;
    }

    public static ulong ReadDescriptor(ReadOnlySpan<byte> frame, ref int position)
    {
        if (frame[position++] != Described)
        {
            return ulong.MaxValue;
        }

        var code = frame[position++];
        switch (code)
        {
            case SmallUlong:
                return frame[position++];
            case 0x80:
                var value = BinaryPrimitives.ReadUInt64BigEndian(frame[position..]);
                position += 8;
                return value;
            default:
                position--;
                Skip(frame, ref position); // a symbolic descriptor: not one of ours
                return ulong.MaxValue - 1;
        }
    }

    public static (int Count, int End) ReadListHeader(ReadOnlySpan<byte> frame, ref int position)
    {
        var code = frame[position++];
        switch (code)
        {
            case 0x45:
                return (0, position);
            case 0xc0:
                var size8 = frame[position++];
                var end8 = position + size8;
                return (frame[position++], end8);
            case 0xd0:
                var size32 = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[position..]);
                position += 4;
                var end32 = position + size32;
                var count = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[position..]);
                position += 4;
                return (count, end32);
            default:
                return (0, position);
        }
    }

    /// <summary>Skips one encoded value; the width follows from the constructor's high nibble (AMQP 1.0 §1.6).</summary>
    public static void Skip(ReadOnlySpan<byte> frame, ref int position)
    {
        var code = frame[position++];
        if (code == Described)
        {
            Skip(frame, ref position);
            Skip(frame, ref position);
            return;
        }

        position += (code >> 4) switch
        {
            0x4 => 0,
            0x5 => 1,
            0x6 => 2,
            0x7 => 4,
            0x8 => 8,
            0x9 => 16,
            0xa or 0xc or 0xe => 1 + frame[position],
            0xb or 0xd or 0xf => 4 + (int)BinaryPrimitives.ReadUInt32BigEndian(frame[position..]),
            _ => throw new IndexOutOfRangeException(),
        };
    }
}
