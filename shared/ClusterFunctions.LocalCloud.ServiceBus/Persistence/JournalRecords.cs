using System.Text;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Persistence;

/// <summary>The journal's record format: a type byte, the entity path, then the fields of that type.</summary>
internal static class JournalRecords
{
    public const byte Enqueued = 1;
    public const byte Removed = 2;
    public const byte Delivered = 3;
    public const byte Duplicate = 4;

    public static byte[] ForEnqueued(string entityPath, StoredMessage message) => Encode(Enqueued, entityPath, w =>
    {
        w.Write(message.SequenceNumber);
        w.Write(message.EnqueuedTime.UtcTicks);
        w.Write(message.ScheduledTime?.UtcTicks ?? 0L);
        w.Write(message.Payload.Length);
        w.Write(message.Payload);
    });

    public static byte[] ForRemoved(string entityPath, long sequenceNumber) => Encode(Removed, entityPath, w => w.Write(sequenceNumber));

    public static byte[] ForDelivered(string entityPath, long sequenceNumber, int deliveryCount) => Encode(Delivered, entityPath, w =>
    {
        w.Write(sequenceNumber);
        w.Write(deliveryCount);
    });

    public static byte[] ForDuplicate(string entityPath, string messageId, DateTimeOffset at) => Encode(Duplicate, entityPath, w =>
    {
        w.Write(messageId);
        w.Write(at.UtcTicks);
    });

    /// <summary>The records that recreate a state: each message with its delivery count, and each remembered id.</summary>
    public static IEnumerable<byte[]> ForSnapshot(JournalState state)
    {
        foreach (var ((entity, _), message) in state.Messages)
        {
            yield return ForEnqueued(entity, message);
            yield return ForDelivered(entity, message.SequenceNumber, message.DeliveryCount);
        }

        foreach (var ((entity, id), at) in state.Duplicates)
        {
            yield return ForDuplicate(entity, id, at);
        }
    }

    static byte[] Encode(byte type, string entityPath, Action<BinaryWriter> body)
    {
        using var buffer = new MemoryStream();
        using (var writer = new BinaryWriter(buffer, Encoding.UTF8, leaveOpen: true))
        {
            writer.Write(type);
            writer.Write(entityPath);
            body(writer);
        }

        return buffer.ToArray();
    }
}
