namespace ClusterFunctions.Messaging.Amqp;

/// <summary>The lock of a received message is gone (expired, or its link was replaced after a reconnect); the broker will redeliver it.</summary>
public sealed class MessageLockLostException(string message) : Exception(message);
