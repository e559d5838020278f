using ClusterFunctions.LocalCloud.ServiceBus.Persistence;
using ClusterFunctions.LocalCloud.ServiceBus.Rules;

namespace ClusterFunctions.LocalCloud.ServiceBus.Entities;

/// <summary>Every entity declared from configuration, found by the addresses Service Bus clients use.</summary>
internal sealed class EntityRegistry
{
    public const string DeadLetterSuffix = "/$DeadLetterQueue";
    public const string SubscriptionsSegment = "/Subscriptions/";

    readonly Dictionary<string, MessageEntity> receivable = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, SendTarget> targets = new(StringComparer.OrdinalIgnoreCase);
    readonly Dictionary<string, SubscriptionRules> rules = new(StringComparer.OrdinalIgnoreCase);
    long sequence;

    public EntityRegistry(ServiceBusEmulatorOptions options, IMessageJournal journal)
    {
        var time = options.TimeProvider;
        foreach (var queue in options.Queues)
        {
            var entity = AddReceivable(queue.Name, queue, journal, time);
            targets[queue.Name] = new SendTarget(queue.Name, [(entity, null)], new DuplicateDetector(queue.DuplicateDetectionWindow), journal, time);
        }

        foreach (var topic in options.Topics)
        {
            var subscriptions = new List<(MessageEntity, SubscriptionRules?)>();
            foreach (var name in topic.Subscriptions)
            {
                var entity = AddReceivable(topic.Name + SubscriptionsSegment + name, topic.Settings, journal, time);
                var subscriptionRules = new SubscriptionRules();
                rules[entity.Path] = subscriptionRules;
                subscriptions.Add((entity, subscriptionRules));
            }

            targets[topic.Name] = new SendTarget(topic.Name, subscriptions, new DuplicateDetector(topic.Settings.DuplicateDetectionWindow), journal, time);
        }
    }

    public IEnumerable<MessageEntity> AllReceivable => receivable.Values;

    public IEnumerable<SendTarget> AllTargets => targets.Values;

    /// <summary>The entity path of a link address: "amqps://host/queue" and "/queue" both mean "queue".</summary>
    public static string Normalize(string? address)
    {
        if (string.IsNullOrEmpty(address))
        {
            return "";
        }

        if (Uri.TryCreate(address, UriKind.Absolute, out var uri) && uri.Scheme is "amqp" or "amqps" or "sb")
        {
            address = Uri.UnescapeDataString(uri.AbsolutePath);
        }

        return address.Trim('/');
    }

    public bool TryGetReceivable(string path, out MessageEntity entity) => receivable.TryGetValue(path, out entity!);

    public bool TryGetTarget(string path, out SendTarget target) => targets.TryGetValue(path, out target!);

    /// <summary>The rules of a subscription ("topic/Subscriptions/name"); null for anything else.</summary>
    public SubscriptionRules? RulesOf(string path) => rules.GetValueOrDefault(path);

    public long NextSequenceNumber() => Interlocked.Increment(ref sequence);

    public void AdvanceSequence(long seen)
    {
        long current;
        do
        {
            current = Interlocked.Read(ref sequence);
            if (seen <= current)
            {
                return;
            }
        }
        while (Interlocked.CompareExchange(ref sequence, seen, current) != current);
    }

    /// <summary>Everything a journal needs to recreate the current state.</summary>
    public JournalState Snapshot()
    {
        var state = new JournalState();
        foreach (var entity in receivable.Values)
        {
            foreach (var message in entity.Snapshot())
            {
                state.Messages[(entity.Path, message.SequenceNumber)] = message;
            }
        }

        foreach (var target in targets.Values)
        {
            foreach (var (id, at) in target.Duplicates.Snapshot())
            {
                state.Duplicates[(target.Path, id)] = at;
            }
        }

        return state;
    }

    public void SweepAll(DateTimeOffset now)
    {
        foreach (var entity in receivable.Values)
        {
            foreach (var link in entity.Sweep())
            {
                // Service Bus detaches a receiver whose session lock expired.
                link.Close(TimeSpan.Zero, new Amqp.Framing.Error(new Amqp.Types.Symbol("com.microsoft:session-lock-lost")) { Description = "The session lock has expired." });
            }
        }

        foreach (var target in targets.Values)
        {
            target.Duplicates.Prune(now);
        }
    }

    MessageEntity AddReceivable(string path, EmulatorQueueOptions settings, IMessageJournal journal, TimeProvider time)
    {
        var deadLetterSettings = new EmulatorQueueOptions { Name = path, LockDuration = settings.LockDuration, MaxDeliveryCount = int.MaxValue };
        var deadLetter = new MessageEntity(path + DeadLetterSuffix, deadLetterSettings, time, journal, NextSequenceNumber, null);
        var entity = new MessageEntity(path, settings, time, journal, NextSequenceNumber, deadLetter);
        receivable[path] = entity;
        receivable[deadLetter.Path] = deadLetter;
        return entity;
    }
}
