using System.Text.Json;
using Azure.Messaging.ServiceBus;
using Microsoft.Azure.Functions.Worker.Converters;

namespace ClusterFunctions.Worker.Extensions.ServiceBus;

/// <summary>
/// Builds the <see cref="ServiceBusReceivedMessage"/> the host received from the JSON envelope it sends as the
/// trigger value (body, system properties, application properties, lock token).
/// </summary>
[SupportedTargetType(typeof(ServiceBusReceivedMessage))]
public sealed class ServiceBusReceivedMessageConverter : IInputConverter
{
    public ValueTask<ConversionResult> ConvertAsync(ConverterContext context)
    {
        if (context.TargetType != typeof(ServiceBusReceivedMessage))
        {
            return new(ConversionResult.Unhandled());
        }

        if (context.Source is not string envelope)
        {
            return new(ConversionResult.Failed(new InvalidOperationException("the host sent no Service Bus message envelope")));
        }

        try
        {
            return new(ConversionResult.Success(ServiceBusMessageEnvelope.Read(envelope)));
        }
        catch (Exception e) when (e is JsonException or FormatException or KeyNotFoundException or InvalidOperationException)
        {
            return new(ConversionResult.Failed(new InvalidOperationException($"the host's Service Bus message envelope is unreadable: {e.Message}", e)));
        }
    }
}
