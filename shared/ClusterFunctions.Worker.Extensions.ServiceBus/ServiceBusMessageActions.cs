using System.Net.Http.Json;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Worker.Extensions.ServiceBus;

/// <summary>
/// Settles the message a Service Bus-triggered function is running for, with the members of the official
/// <c>ServiceBusMessageActions</c> the app uses. The host holds the message's lock; these calls ask it to settle
/// (over loopback HTTP, with a key the host gives only its own worker). Injected by constructor here, where the
/// official extension binds it as a parameter.
/// </summary>
public class ServiceBusMessageActions
{
    /// <summary>The host's settlement address and key, from the worker's environment.</summary>
    public const string UrlSetting = "ClusterFunctionsHost__ServiceBusSettlementUrl";

    /// <inheritdoc cref="UrlSetting"/>
    public const string KeySetting = "ClusterFunctionsHost__ServiceBusSettlementKey";

    private readonly HttpClient? _http;

    public ServiceBusMessageActions(HttpClient http) => _http = http;

    /// <summary>For mocking, as in the official type.</summary>
    protected ServiceBusMessageActions()
    {
    }

    public virtual Task CompleteMessageAsync(ServiceBusReceivedMessage message, CancellationToken cancellationToken = default) =>
        SettleAsync(message, "complete", null, null, cancellationToken);

    public virtual Task AbandonMessageAsync(ServiceBusReceivedMessage message, IDictionary<string, object>? propertiesToModify = default,
        CancellationToken cancellationToken = default) =>
        SettleAsync(message, "abandon", null, null, cancellationToken);

    public virtual Task DeadLetterMessageAsync(ServiceBusReceivedMessage message, Dictionary<string, object>? propertiesToModify = default,
        string? deadLetterReason = default, string? deadLetterErrorDescription = default, CancellationToken cancellationToken = default) =>
        SettleAsync(message, "deadletter", deadLetterReason, deadLetterErrorDescription, cancellationToken);

    private async Task SettleAsync(ServiceBusReceivedMessage message, string action, string? reason, string? description, CancellationToken cancellationToken)
    {
        HttpClient http = _http ?? throw new InvalidOperationException("this ServiceBusMessageActions is a mock");
        using HttpResponseMessage response = await http.PostAsJsonAsync(
            $"{message.LockToken}/{action}", new { reason, description }, cancellationToken);
        if (!response.IsSuccessStatusCode)
        {
            throw new ServiceBusException($"the host could not {action} message {message.MessageId}: {(int)response.StatusCode} {await response.Content.ReadAsStringAsync(cancellationToken)}",
                ServiceBusFailureReason.MessageLockLost);
        }
    }
}
