namespace ClusterFunctions.Functions.Tests;

/// <summary>The app on a LocalCloud whose managed clusters stay Creating for ten minutes, so a test can act during the infrastructure step.</summary>
public sealed class SlowProvisioningFixture : EmbeddedAppFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ProvisioningTime"] = "00:10:00",
    };
}
