namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The app with one running build per requester, workloads that stay unready (builds hold their quota), and short
/// quota waits, so a queued request over quota comes back within a test's time.
/// </summary>
public sealed class QueueQuotaFixture : EmbeddedAppFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ReadinessDelay"] = "01:00:00",
        ["Limits:MaxConcurrentBuildsPerRequester"] = "1",
        ["Limits:RetryAfter"] = "00:00:01",
        ["Limits:QueuedRequestMaxWait"] = "00:00:12",
    };
}
