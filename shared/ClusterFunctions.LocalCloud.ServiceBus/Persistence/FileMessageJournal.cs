using System.Text;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Persistence;

/// <summary>
/// An append-only file of message changes in the data folder. On start it is replayed into the
/// entities and rewritten compactly; every record is flushed to the OS before the broker answers,
/// so a killed or restarted emulator loses nothing it had accepted.
/// </summary>
internal sealed class FileMessageJournal : IMessageJournal, IDisposable
{
    const string FileName = "messages.journal";
    const byte EnqueuedRecord = 1;
    const byte RemovedRecord = 2;
    const byte DeliveredRecord = 3;
    const byte DuplicateRecord = 4;

    readonly object gate = new();
    readonly FileStream stream;
    readonly BinaryWriter writer;

    FileMessageJournal(FileStream stream)
    {
        this.stream = stream;
        writer = new BinaryWriter(stream, Encoding.UTF8, leaveOpen: true);
    }

    /// <summary>Replays the folder's journal into the registry, compacts it, and opens it for appending.</summary>
    public static FileMessageJournal Open(string directory, Func<IMessageJournal, EntityRegistry> createRegistry, out EntityRegistry registry)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var state = Replay(path);
        var compacted = path + ".tmp";
        using (var fresh = new FileStream(compacted, FileMode.Create, FileAccess.Write))
        {
            var journal = new FileMessageJournal(fresh);
            foreach (var ((entity, _), message) in state.Messages)
            {
                journal.Enqueued(entity, message);
                journal.Delivered(entity, message.SequenceNumber, message.DeliveryCount);
            }

            foreach (var ((entity, id), at) in state.Duplicates)
            {
                journal.DuplicateIdSeen(entity, id, at);
            }

            fresh.Flush(flushToDisk: true);
        }

        File.Move(compacted, path, overwrite: true);
        var appending = new FileMessageJournal(new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read));
        registry = createRegistry(appending);
        foreach (var ((entity, _), message) in state.Messages)
        {
            registry.AdvanceSequence(message.SequenceNumber);
            if (registry.TryGetReceivable(entity, out var target))
            {
                target.Restore(message);
            }
        }

        foreach (var ((entity, id), at) in state.Duplicates)
        {
            if (registry.TryGetTarget(entity, out var target))
            {
                target.Duplicates.Restore(id, at);
            }
        }

        return appending;
    }

    public void Enqueued(string entityPath, StoredMessage message) => Write(EnqueuedRecord, entityPath, w =>
    {
        w.Write(message.SequenceNumber);
        w.Write(message.EnqueuedTime.UtcTicks);
        w.Write(message.ScheduledTime?.UtcTicks ?? 0L);
        w.Write(message.Payload.Length);
        w.Write(message.Payload);
    });

    public void Removed(string entityPath, long sequenceNumber) => Write(RemovedRecord, entityPath, w => w.Write(sequenceNumber));

    public void Delivered(string entityPath, long sequenceNumber, int deliveryCount) => Write(DeliveredRecord, entityPath, w =>
    {
        w.Write(sequenceNumber);
        w.Write(deliveryCount);
    });

    public void DuplicateIdSeen(string entityPath, string messageId, DateTimeOffset at) => Write(DuplicateRecord, entityPath, w =>
    {
        w.Write(messageId);
        w.Write(at.UtcTicks);
    });

    public void Dispose()
    {
        lock (gate)
        {
            writer.Dispose();
            stream.Dispose();
        }
    }

    void Write(byte type, string entityPath, Action<BinaryWriter> body)
    {
        lock (gate)
        {
            writer.Write(type);
            writer.Write(entityPath);
            body(writer);
            writer.Flush();
        }
    }

    static JournalState Replay(string path)
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
                var type = reader.ReadByte();
                var entity = reader.ReadString();
                switch (type)
                {
                    case EnqueuedRecord:
                        var sequence = reader.ReadInt64();
                        var enqueued = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                        var scheduledTicks = reader.ReadInt64();
                        var payload = reader.ReadBytes(reader.ReadInt32());
                        DateTimeOffset? scheduled = scheduledTicks == 0 ? null : new DateTimeOffset(scheduledTicks, TimeSpan.Zero);
                        state.Messages[(entity, sequence)] = new StoredMessage(sequence, payload, enqueued, scheduled);
                        break;
                    case RemovedRecord:
                        state.Messages.Remove((entity, reader.ReadInt64()));
                        break;
                    case DeliveredRecord:
                        var delivered = reader.ReadInt64();
                        var count = reader.ReadInt32();
                        if (state.Messages.TryGetValue((entity, delivered), out var message))
                        {
                            message.DeliveryCount = count;
                        }

                        break;
                    case DuplicateRecord:
                        var id = reader.ReadString();
                        state.Duplicates[(entity, id)] = new DateTimeOffset(reader.ReadInt64(), TimeSpan.Zero);
                        break;
                    default:
                        throw new InvalidDataException($"{path}: unknown record type {type}");
                }
            }
        }
        catch (EndOfStreamException)
        {
            // A record cut short by a crash was never acknowledged to a client; drop it.
        }

        return state;
    }

    sealed class JournalState
    {
        public SortedDictionary<(string Entity, long Sequence), StoredMessage> Messages { get; } = new(Comparer<(string, long)>.Create((a, b) => a.Item2.CompareTo(b.Item2) is var c && c != 0 ? c : string.CompareOrdinal(a.Item1, b.Item1)));

        public Dictionary<(string Entity, string Id), DateTimeOffset> Duplicates { get; } = [];
    }
}
