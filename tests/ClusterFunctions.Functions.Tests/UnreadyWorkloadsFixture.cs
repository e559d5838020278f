namespace ClusterFunctions.Functions.Tests;

/// <summary>The app with workloads that never become ready, so a build stays at its first readiness gate while a test looks.</summary>
public sealed class UnreadyWorkloadsFixture : EmbeddedAppFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ReadinessDelay"] = "01:00:00",
    };
}
