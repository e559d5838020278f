using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Persistence;

/// <summary>The journal of an emulator without a data folder: messages live in memory only.</summary>
internal sealed class NullMessageJournal : IMessageJournal
{
    public static readonly NullMessageJournal Instance = new();

    public void Enqueued(string entityPath, StoredMessage message)
    {
    }

    public void Removed(string entityPath, long sequenceNumber)
    {
    }

    public void Delivered(string entityPath, long sequenceNumber, int deliveryCount)
    {
    }

    public void DuplicateIdSeen(string entityPath, string messageId, DateTimeOffset at)
    {
    }
}
