using System.Text;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Persistence;

/// <summary>What a journal says: the live messages per entity, in sequence order, and the remembered message ids.</summary>
internal sealed class JournalState
{
    public SortedDictionary<(string Entity, long Sequence), StoredMessage> Messages { get; } =
        new(Comparer<(string Entity, long Sequence)>.Create((a, b) => a.Sequence != b.Sequence ? a.Sequence.CompareTo(b.Sequence) : string.CompareOrdinal(a.Entity, b.Entity)));

    public Dictionary<(string Entity, string Id), DateTimeOffset> Duplicates { get; } = [];

    /// <summary>Replays a journal file; a record cut short by a crash (never acknowledged to a client) ends the replay.</summary>
    public static JournalState Replay(string path)
    {
        var state = new JournalState();
        if (!File.Exists(path))
        {
            return state;
        }

        using var reader = new BinaryReader(File.OpenRead(path), Encoding.UTF8);
        try
        {
            while (reader.BaseStream.Position < reader.BaseStream.Length)
            {
                state.Apply(reader, path);
            }
        }
        catch (EndOfStreamException)
        {
            // The tail of a crash.
        }

        return state;
    }

    void Apply(BinaryReader reader, string path)
    {
        var type = reader.ReadByte();
        var entity = reader.ReadString();
        switch (type)
        {
            case JournalRecords.Enqueued:
                var sequence = reader.ReadInt64();
                var enqueued = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                var scheduledTicks = reader.ReadInt64();
                var payload = reader.ReadBytes(reader.ReadInt32());
                DateTimeOffset? scheduled = scheduledTicks == 0 ? null : new DateTimeOffset(scheduledTicks, TimeSpan.Zero);
                Messages[(entity, sequence)] = new StoredMessage(sequence, payload, enqueued, scheduled);
                break;
            case JournalRecords.Removed:
                Messages.Remove((entity, reader.ReadInt64()));
                break;
            case JournalRecords.Delivered:
                var delivered = reader.ReadInt64();
                var count = reader.ReadInt32();
                if (Messages.TryGetValue((entity, delivered), out var message))
                {
                    message.DeliveryCount = count;
                }

                break;
            case JournalRecords.Duplicate:
                var id = reader.ReadString();
                Duplicates[(entity, id)] = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                break;
            default:
                throw new InvalidDataException($"{path}: unknown record type {type}");
        }
    }
}
