using System.Buffers.Binary;

namespace ClusterFunctions.LocalCloud.ServiceBus.Transport;

/// <summary>
/// Rewrites string keys to symbol keys in the <c>info</c> map of a rejected outcome and the
/// <c>message-annotations</c> of a modified outcome inside disposition frames. The Azure SDKs for
/// JavaScript send those keys as strings (DeadLetterReason...), Service Bus accepts them, but
/// AMQPNetLite refuses to decode such a frame and drops the connection. A string and a symbol of
/// the same length encode to the same size, so the patch only changes constructor bytes.
/// </summary>
internal static class SymbolKeyPatch
{
    const byte Described = 0x00;
    const byte SmallUlong = 0x53;
    const ulong Disposition = 0x15;
    const ulong Rejected = 0x25;
    const ulong Modified = 0x27;
    const ulong Error = 0x1d;

    /// <summary>Patches one complete frame in place; a frame it does not understand is left as it was.</summary>
    public static void Apply(Span<byte> frame)
    {
        try
        {
            var dataOffset = frame[4] * 4;
            if (frame.Length <= dataOffset || frame[5] != 0)
            {
                return; // empty (heartbeat) or SASL frame
            }

            var position = dataOffset;
            if (ReadDescriptor(frame, ref position) != Disposition)
            {
                return;
            }

            var (count, end) = ReadListHeader(frame, ref position);
            for (var field = 0; field < count && position < end; field++)
            {
                if (field == 4 && frame[position] == Described)
                {
                    PatchState(frame, position);
                    return;
                }

                Skip(frame, ref position);
            }
        }
        catch (IndexOutOfRangeException)
        {
            // Not a frame shape this patch knows; AMQPNetLite will judge it.
        }
        catch (ArgumentOutOfRangeException)
        {
        }
    }

    static void PatchState(Span<byte> frame, int position)
    {
        var outcome = ReadDescriptor(frame, ref position);
        if (outcome is not (Rejected or Modified))
        {
            return;
        }

        var (count, end) = ReadListHeader(frame, ref position);
        for (var field = 0; field < count && position < end; field++)
        {
            if (outcome == Rejected && field == 0 && frame[position] == Described)
            {
                var errorPosition = position;
                if (ReadDescriptor(frame, ref errorPosition) == Error)
                {
                    var (errorCount, errorEnd) = ReadListHeader(frame, ref errorPosition);
                    for (var errorField = 0; errorField < errorCount && errorPosition < errorEnd; errorField++)
                    {
                        if (errorField == 2)
                        {
                            PatchMapKeys(frame, errorPosition);
                        }

                        Skip(frame, ref errorPosition);
                    }
                }
            }
            else if (outcome == Modified && field == 2)
            {
                PatchMapKeys(frame, position);
            }

            Skip(frame, ref position);
        }
    }

    static void PatchMapKeys(Span<byte> frame, int position)
    {
        var code = frame[position++];
        int count;
        if (code == 0xc1)
        {
            position++; // size
            count = frame[position++];
        }
        else if (code == 0xd1)
        {
            position += 4;
            count = (int)BinaryPrimitives.ReadUInt32BigEndian(frame[position..]);
            position += 4;
        }
        else
        {
            return; // null or not a map
        }

        for (var i = 0; i < count; i++)
        {
            if (i % 2 == 0)
            {
                if (frame[position] == 0xa1)
                {
                    frame[position] = 0xa3;
                }
                else if (frame[position] == 0xb1)
                {
                    frame[position] = 0xb3;
                }
            }

            Skip(frame, ref position);
        }
    }

    static ulong ReadDescriptor(ReadOnlySpan<byte> frame, ref int position)
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

    static (int Count, int End) ReadListHeader(ReadOnlySpan<byte> frame, ref int position)
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
    static void Skip(ReadOnlySpan<byte> frame, ref int position)
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
