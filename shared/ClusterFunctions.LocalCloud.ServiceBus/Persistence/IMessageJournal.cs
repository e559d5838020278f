using ClusterFunctions.LocalCloud.ServiceBus.Entities;

namespace ClusterFunctions.LocalCloud.ServiceBus.Persistence;

/// <summary>Where entities record every change to their messages so a restart can rebuild them.</summary>
internal interface IMessageJournal
{
    void Enqueued(string entityPath, StoredMessage message);

    void Removed(string entityPath, long sequenceNumber);

    void Delivered(string entityPath, long sequenceNumber, int deliveryCount);

    void DuplicateIdSeen(string entityPath, string messageId, DateTimeOffset at);
}
