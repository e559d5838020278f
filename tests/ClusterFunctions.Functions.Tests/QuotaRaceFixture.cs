namespace ClusterFunctions.Functions.Tests;

/// <summary>The app with a per-requester limit of 5, a total far above it, and workloads that stay unready, so every
/// build that got through is still running when the test counts.</summary>
public sealed class QuotaRaceFixture : EmbeddedAppFixture
{
    public const int PerRequester = 5;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ReadinessDelay"] = "01:00:00",
        ["Limits:MaxConcurrentBuildsPerRequester"] = PerRequester.ToString(System.Globalization.CultureInfo.InvariantCulture),
        ["Limits:MaxConcurrentBuilds"] = "200",
        ["Limits:RequestsPerMinute"] = "1000",
    };
}
