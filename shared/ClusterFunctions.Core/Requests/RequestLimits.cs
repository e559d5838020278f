using ClusterFunctions.Core.Json;

namespace ClusterFunctions.Core.Requests;

/// <summary>Size limits on a request, so a hostile body cannot cost memory or land in tags unchecked.</summary>
public static class RequestLimits
{
    public const int MaxBodyBytes = 64 * 1024;
    public const int MaxJsonDepth = 16;
    public const int MaxStringLength = 4096;
    public const int MaxFieldNameLength = 256;
    public const int MaxRequestIdLength = 128;
    public const int MaxRequestedByLength = 256;
    public const int MaxCommentLength = 1024;
    public const int MaxLabels = 32;
    public const int MaxLabelValueLength = 63;
    public const int MaxPoolOverrides = 16;
    public const int MaxPoolCount = 1000;

    /// <summary>The parser limits every request body (HTTP, queue message, CLI) is read with.</summary>
    public static StrictJsonLimits Json { get; } = new(MaxBodyBytes, MaxJsonDepth, MaxStringLength, MaxFieldNameLength);
}
