using System.Buffers.Binary;
using static ClusterFunctions.LocalCloud.ServiceBus.Transport.AmqpFrameScanner;

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
    const ulong Disposition = 0x15;
    const ulong Rejected = 0x25;
    const ulong Modified = 0x27;
    const ulong Error = 0x1d;

    /// <summary>Patches one complete frame in place; a frame it does not understand is left as it was.</summary>
    public static void Apply(Span<byte> frame)
    {
        var state = FieldStart(frame, Disposition, 4);
        if (state < 0 || frame[state] != Described)
        {
            return;
        }

        try
        {
            PatchState(frame, state);
        }
        catch (Exception e) when (e is IndexOutOfRangeException or ArgumentOutOfRangeException)
        {
            // Not a frame shape this patch knows; AMQPNetLite will judge it.
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
}
