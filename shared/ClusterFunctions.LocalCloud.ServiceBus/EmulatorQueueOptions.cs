using System.Text.RegularExpressions;

namespace ClusterFunctions.LocalCloud.ServiceBus;

/// <summary>A queue (or, through <see cref="EmulatorTopicOptions"/>, the settings of a topic's subscriptions).</summary>
public sealed partial class EmulatorQueueOptions
{
    /// <summary>Entity name: letters, digits, '.', '-', '_', up to 50 characters.</summary>
    public string Name { get; set; } = "";

    /// <summary>How long a peek-lock holds a message (Service Bus default 60 s).</summary>
    public TimeSpan LockDuration { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>Deliveries after which a message is dead-lettered (Service Bus default 10).</summary>
    public int MaxDeliveryCount { get; set; } = 10;

    /// <summary>Window for duplicate detection on message id; zero turns it off.</summary>
    public TimeSpan DuplicateDetectionWindow { get; set; } = TimeSpan.FromMinutes(10);

    /// <summary>Receivers must take a session; messages carry a session id (Service Bus requiresSession).</summary>
    public bool RequiresSession { get; set; }

    /// <summary>Time to live of messages whose sender set none (Service Bus defaultMessageTimeToLive).</summary>
    public TimeSpan DefaultMessageTimeToLive { get; set; } = TimeSpan.MaxValue;

    /// <summary>Expired messages go to the dead-letter sub-queue with reason TTLExpiredException instead of vanishing.</summary>
    public bool DeadLetteringOnMessageExpiration { get; set; }

    internal void ValidateSettings(string entity)
    {
        if (LockDuration <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(LockDuration), LockDuration, $"{entity}: LockDuration must be positive");
        }

        if (MaxDeliveryCount < 1)
        {
            throw new ArgumentOutOfRangeException(nameof(MaxDeliveryCount), MaxDeliveryCount, $"{entity}: MaxDeliveryCount must be at least 1");
        }

        if (DefaultMessageTimeToLive <= TimeSpan.Zero)
        {
            throw new ArgumentOutOfRangeException(nameof(DefaultMessageTimeToLive), DefaultMessageTimeToLive, $"{entity}: DefaultMessageTimeToLive must be positive");
        }
    }

    internal static void ValidateName(string name)
    {
        if (!NamePattern().IsMatch(name))
        {
            throw new ArgumentException($"entity name '{name}': must match {NamePattern()}", nameof(name));
        }
    }

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._-]{0,49}$")]
    private static partial Regex NamePattern();
}
