using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Persistence;

/// <summary>
/// An append-only file of message changes in the data folder. On start it is replayed into the
/// entities and rewritten compactly, and again while running once it has grown past a threshold;
/// every record is flushed to the OS before the broker answers, so a killed or restarted emulator
/// loses nothing it had accepted.
/// </summary>
internal sealed class FileMessageJournal : IMessageJournal, IDisposable
{
    const string FileName = "messages.journal";

    readonly object gate = new();
    readonly string path;
    FileStream stream;
    long bytesSinceCompaction;
    List<byte[]>? recording;
    int compacting;

    FileMessageJournal(string path)
    {
        this.path = path;
        stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
    }

    /// <summary>Replays the folder's journal into the registry, compacts it, and opens it for appending.</summary>
    public static FileMessageJournal Open(string directory, Func<IMessageJournal, EntityRegistry> createRegistry, out EntityRegistry registry)
    {
        Directory.CreateDirectory(directory);
        var path = Path.Combine(directory, FileName);
        var state = JournalState.Replay(path);
        WriteFile(path + ".tmp", JournalRecords.ForSnapshot(state));
        File.Move(path + ".tmp", path, overwrite: true);
        var journal = new FileMessageJournal(path);
        registry = createRegistry(journal);
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

        return journal;
    }

    public long BytesSinceCompaction => Interlocked.Read(ref bytesSinceCompaction);

    public void Enqueued(string entityPath, StoredMessage message) => Append(JournalRecords.ForEnqueued(entityPath, message));

    public void Removed(string entityPath, long sequenceNumber) => Append(JournalRecords.ForRemoved(entityPath, sequenceNumber));

    public void Delivered(string entityPath, long sequenceNumber, int deliveryCount) => Append(JournalRecords.ForDelivered(entityPath, sequenceNumber, deliveryCount));

    public void DuplicateIdSeen(string entityPath, string messageId, DateTimeOffset at) => Append(JournalRecords.ForDuplicate(entityPath, messageId, at));

    /// <summary>
    /// Rewrites the journal from a snapshot while writes go on: records written after recording starts
    /// are replayed after the snapshot, which is harmless because every record is idempotent on replay.
    /// </summary>
    public void Compact(Func<JournalState> snapshot)
    {
        if (Interlocked.Exchange(ref compacting, 1) == 1)
        {
            return;
        }

        try
        {
            lock (gate)
            {
                recording = [];
            }

            WriteFile(path + ".tmp", JournalRecords.ForSnapshot(snapshot()));
            lock (gate)
            {
                using (var tail = new FileStream(path + ".tmp", FileMode.Append, FileAccess.Write))
                {
                    foreach (var record in recording)
                    {
                        tail.Write(record);
                    }

                    tail.Flush(flushToDisk: true);
                }

                stream.Dispose();
                File.Move(path + ".tmp", path, overwrite: true);
                stream = new FileStream(path, FileMode.Append, FileAccess.Write, FileShare.Read);
                recording = null;
                bytesSinceCompaction = 0;
            }
        }
        finally
        {
            Volatile.Write(ref compacting, 0);
        }
    }

    public void Dispose()
    {
        lock (gate)
        {
            stream.Dispose();
        }
    }

    void Append(byte[] record)
    {
        lock (gate)
        {
            stream.Write(record);
            stream.Flush();
            recording?.Add(record);
            bytesSinceCompaction += record.Length;
        }
    }

    static void WriteFile(string file, IEnumerable<byte[]> records)
    {
        using var fresh = new FileStream(file, FileMode.Create, FileAccess.Write);
        foreach (var record in records)
        {
            fresh.Write(record);
        }

        fresh.Flush(flushToDisk: true);
    }
}
