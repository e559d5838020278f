namespace ClusterFunctions.Functions.Tests;

/// <summary>The app with tight limits and workloads that stay unready, so builds stay running while a test counts them.</summary>
public sealed class LimitsFixture : EmbeddedAppFixture
{
    /// <summary>A caller of its own for the rate test, so other tests' requests do not count against it.</summary>
    public string NoisyKey { get; } = ClusterFunctions.Functions.Security.FunctionKeys.Generate();

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ReadinessDelay"] = "01:00:00",
        ["Limits:RequestsPerMinute"] = "5",
        ["Limits:MaxConcurrentBuildsPerRequester"] = "2",
        ["Limits:MaxConcurrentBuilds"] = "3",
        ["Auth:Keys:noisy:Value"] = NoisyKey,
        ["Auth:Keys:noisy:Roles"] = "developer",
        ["Limits:RetryAfter"] = "00:00:30",
    };
}
