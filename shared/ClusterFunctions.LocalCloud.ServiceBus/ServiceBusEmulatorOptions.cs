namespace ClusterFunctions.LocalCloud.ServiceBus;

/// <summary>How a <see cref="ServiceBusEmulator"/> listens, authorises and which entities it declares.</summary>
public sealed class ServiceBusEmulatorOptions
{
    /// <summary>The key name that SAS tokens must carry, as in the official emulator's connection string.</summary>
    public const string DefaultKeyName = "RootManageSharedAccessKey";

    /// <summary>Loopback port; 0 picks a free one (read it back from <see cref="ServiceBusEmulator.Port"/>).</summary>
    public int Port { get; set; }

    /// <summary>Shared access key name accepted in SAS tokens and SASL PLAIN.</summary>
    public string KeyName { get; set; } = DefaultKeyName;

    /// <summary>Shared access key (base64 or any string; it is used as UTF-8 bytes, as Service Bus does).</summary>
    public string Key { get; set; } = "SAS_KEY_VALUE";

    /// <summary>Queues to declare. Sending to or receiving from an undeclared entity fails with amqp:not-found.</summary>
    public IList<EmulatorQueueOptions> Queues { get; } = [];

    /// <summary>Topics to declare, each with its subscriptions.</summary>
    public IList<EmulatorTopicOptions> Topics { get; } = [];

    /// <summary>When set, every message is journaled here and restored on the next start.</summary>
    public string? DataDirectory { get; set; }

    /// <summary>With a data folder: rewrite the journal compactly once this many bytes were appended since the last time.</summary>
    public long JournalCompactionBytes { get; set; } = 64L * 1024 * 1024;

    /// <summary>Accepts a JWT (Entra ID) token for an audience; null rejects every JWT with 401.</summary>
    public Func<string, string, bool>? JwtTokenValidator { get; set; }

    /// <summary>Largest message accepted, in bytes (Service Bus Premium allows 100 MB; Standard 256 KB).</summary>
    public int MaxMessageSizeBytes { get; set; } = 4 * 1024 * 1024;

    /// <summary>How often locks, schedules and duplicate windows are checked against the clock.</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromMilliseconds(100);

    /// <summary>The clock for locks, schedules, token expiry and duplicate windows (tests pass a fake one).</summary>
    public TimeProvider TimeProvider { get; set; } = TimeProvider.System;

    /// <summary>The entities that <c>./cluster emulate servicebus</c> creates by default.</summary>
    public static ServiceBusEmulatorOptions WithClusterDefaults()
    {
        var options = new ServiceBusEmulatorOptions();
        options.Queues.Add(new EmulatorQueueOptions { Name = "cluster-requests" });
        options.Topics.Add(new EmulatorTopicOptions { Name = "cluster-events", Subscriptions = { "all" } });
        return options;
    }

    internal void Validate()
    {
        if (Port is < 0 or > 65535)
        {
            throw new ArgumentOutOfRangeException(nameof(Port), Port, "Port: must be between 0 and 65535");
        }

        if (string.IsNullOrEmpty(KeyName) || string.IsNullOrEmpty(Key))
        {
            throw new ArgumentException("KeyName and Key: must not be empty", nameof(Key));
        }

        var names = new HashSet<string>(StringComparer.OrdinalIgnoreCase);
        foreach (var name in Queues.Select(q => q.Name).Concat(Topics.Select(t => t.Name)))
        {
            EmulatorQueueOptions.ValidateName(name);
            if (!names.Add(name))
            {
                throw new ArgumentException($"entity name '{name}': declared twice", nameof(Queues));
            }
        }

        foreach (var queue in Queues)
        {
            queue.ValidateSettings($"queue '{queue.Name}'");
        }

        foreach (var topic in Topics)
        {
            topic.Settings.ValidateSettings($"topic '{topic.Name}'");
            foreach (var subscription in topic.Subscriptions)
            {
                EmulatorQueueOptions.ValidateName(subscription);
            }
        }
    }
}
