using System.Globalization;
using System.Text.Json;
using Azure;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// Turns ARM failures into retry-later or permanent, keeping ARM's error.code and error.message.
/// 409 OperationNotAllowed matters most: Azure.Core never retries 409, yet AKS uses it for "another
/// operation is in progress", which only needs waiting.
/// </summary>
internal static class ArmErrorClassifier
{
    private static readonly HashSet<string> RetryableConflicts = new(StringComparer.OrdinalIgnoreCase)
    {
        "OperationNotAllowed", "AnotherOperationInProgress", "RetryableErrorDueToAnotherOperation", "OperationPreempted",
    };

    public static InfrastructureException Classify(RequestFailedException exception)
    {
        var response = exception.GetRawResponse();
        var (code, message) = ReadArmError(response);
        code ??= string.IsNullOrEmpty(exception.ErrorCode) ? $"Http{exception.Status}" : exception.ErrorCode;
        message ??= exception.Status == 0 ? exception.Message : $"ARM answered {exception.Status} {code}.";
        var kind = IsRetryable(exception.Status, code) ? InfrastructureErrorKind.RetryLater : InfrastructureErrorKind.Permanent;
        return new InfrastructureException(kind, code, message, exception.Status == 0 ? null : exception.Status, RetryAfter(response), exception);
    }

    internal static bool IsRetryable(int status, string code) => status switch
    {
        0 => true,
        408 or 429 => true,
        409 => RetryableConflicts.Contains(code),
        >= 500 and not 501 and not 505 => true,
        _ => false,
    };

    private static (string? Code, string? Message) ReadArmError(Response? response)
    {
        if (response?.Content is not { } content || content.ToMemory().IsEmpty)
        {
            return (null, null);
        }

        try
        {
            using var document = JsonDocument.Parse(content.ToMemory());
            if (document.RootElement.ValueKind == JsonValueKind.Object
                && document.RootElement.TryGetProperty("error", out var error)
                && error.ValueKind == JsonValueKind.Object)
            {
                return (Text(error, "code"), Text(error, "message"));
            }
        }
        catch (JsonException)
        {
            // Not an ARM error body (a proxy's HTML page, say): fall back to the status code.
        }

        return (null, null);
    }

    private static string? Text(JsonElement element, string name) =>
        element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String ? value.GetString() : null;

    private static TimeSpan? RetryAfter(Response? response)
    {
        if (response is null || !response.Headers.TryGetValue("Retry-After", out var value))
        {
            return null;
        }

        if (int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out var seconds))
        {
            return TimeSpan.FromSeconds(Math.Max(0, seconds));
        }

        return DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var when)
            ? when - DateTimeOffset.UtcNow is { Ticks: > 0 } delay ? delay : TimeSpan.Zero
            : null;
    }
}
