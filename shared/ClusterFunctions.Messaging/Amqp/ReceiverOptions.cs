namespace ClusterFunctions.Messaging.Amqp;

/// <summary>How a receiver pulls messages.</summary>
public sealed class ReceiverOptions
{
    /// <summary>Link credit: messages the broker may push ahead of ReceiveAsync calls (each one is locked while it waits).</summary>
    public int PrefetchCount { get; set; } = 10;

    /// <summary>Receive-and-delete: the broker forgets each message as it sends it (at most once); there is nothing to settle.</summary>
    public bool ReceiveAndDelete { get; set; }
}
