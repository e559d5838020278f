using System.Text.Json;
using System.Text.RegularExpressions;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Listener;

namespace ClusterFunctions.Messaging.Tests.Listener;

/// <summary>A minimal request and a decoder of the listener's shape, for tests that are about the listener and not the request rules.</summary>
internal sealed partial record TestRequest(string Name, int FailTimes = 0)
{
    public static ValidationResult<TestRequest> Decode(ReceivedMessage message)
    {
        TestRequest? request;
        try
        {
            request = JsonSerializer.Deserialize<TestRequest>(message.Body.Span, JsonSerializerOptions.Web);
        }
        catch (JsonException exception)
        {
            return ValidationResult<TestRequest>.Invalid($"body: invalid JSON ({exception.Message})");
        }

        if (request is null)
        {
            return ValidationResult<TestRequest>.Invalid("body: must be a JSON object");
        }

        return NamePattern().IsMatch(request.Name ?? "")
            ? ValidationResult<TestRequest>.Valid(request)
            : ValidationResult<TestRequest>.Invalid($"name: must match {NamePattern()}");
    }

    public static OutgoingMessage Message(string name, string? id = null, int failTimes = 0) =>
        new(JsonSerializer.SerializeToUtf8Bytes(new TestRequest(name, failTimes), JsonSerializerOptions.Web))
        {
            MessageId = id ?? Guid.NewGuid().ToString("N"),
            ContentType = "application/json",
        };

    [GeneratedRegex("^[a-z][a-z0-9]{0,11}$")]
    private static partial Regex NamePattern();
}
