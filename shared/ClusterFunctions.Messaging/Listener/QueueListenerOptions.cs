namespace ClusterFunctions.Messaging.Listener;

/// <summary>How the queue listener pulls, limits and settles messages (names follow host.json's extensions.serviceBus).</summary>
public sealed class QueueListenerOptions
{
    /// <summary>Handlers running at once.</summary>
    public int MaxConcurrentCalls { get; set; } = 4;

    /// <summary>Messages the broker may push ahead (each one is locked while it waits).</summary>
    public int PrefetchCount { get; set; } = 8;

    /// <summary>Deliveries after which a failing message is dead-lettered by the listener (Service Bus); generic brokers enforce their own delivery limit.</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>How long a handled message id is remembered; a repeat inside the window is completed without reaching the handler.</summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Largest body handed to the decoder.</summary>
    public int MaxBodyBytes { get; set; } = 256 * 1024;

    /// <summary>Accepted media types; a message without a content type is accepted too.</summary>
    public IList<string> AcceptedContentTypes { get; } = ["application/json"];

    /// <summary>How long the listener keeps renewing a message's lock while its handler runs (Service Bus only); zero turns renewal off.</summary>
    public TimeSpan MaxAutoLockRenewalDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long ReceiveAsync waits before the loop checks for shutdown.</summary>
    public TimeSpan ReceiveWait { get; set; } = TimeSpan.FromSeconds(1);

    /// <summary>The clock of the duplicate window and of lock renewal.</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;
}
