using Microsoft.Azure.Functions.Worker.Converters;
using Microsoft.Azure.Functions.Worker.Extensions.Abstractions;

namespace ClusterFunctions.Worker.Extensions.ServiceBus;

/// <summary>
/// A Service Bus queue or subscription trigger, with the name and members of
/// <c>Microsoft.Azure.Functions.Worker.ServiceBusTriggerAttribute</c>: the Worker SDK emits it as a
/// <c>serviceBusTrigger</c> binding, and the host serves it with peek-lock, complete on success and abandon on failure.
/// </summary>
[InputConverter(typeof(ServiceBusReceivedMessageConverter))]
[ConverterFallbackBehavior(ConverterFallbackBehavior.Default)]
[AttributeUsage(AttributeTargets.Parameter)]
public sealed class ServiceBusTriggerAttribute : TriggerBindingAttribute
{
    /// <summary>Triggers on messages of the queue <paramref name="queueName"/>.</summary>
    public ServiceBusTriggerAttribute(string queueName) => QueueName = queueName;

    /// <summary>Triggers on messages of the subscription <paramref name="subscriptionName"/> of <paramref name="topicName"/>.</summary>
    public ServiceBusTriggerAttribute(string topicName, string subscriptionName)
    {
        TopicName = topicName;
        SubscriptionName = subscriptionName;
    }

    /// <summary>The app setting naming the namespace: a connection string, or <c>NAME__fullyQualifiedNamespace</c> for an identity.</summary>
    public string? Connection { get; set; }

    public string? QueueName { get; }

    public string? TopicName { get; }

    public string? SubscriptionName { get; }

    /// <summary>Sessions are not served by this host yet; it refuses such a function at start, naming it.</summary>
    public bool IsSessionsEnabled { get; set; }

    /// <summary>Batches are not served by this host yet; it refuses such a function at start, naming it.</summary>
    [DefaultValue(false)] // the Worker SDK's metadata generator reads the default from this attribute
    public bool IsBatched { get; set; }

    /// <summary>Complete the message when the function succeeds (host.json <c>autoCompleteMessages</c> otherwise).</summary>
    public bool AutoCompleteMessages { get; set; } = true;
}
