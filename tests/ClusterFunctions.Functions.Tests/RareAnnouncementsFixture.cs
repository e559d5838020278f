namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The app whose announcer of terminated builds looks once (when the first build starts it) and then not for an hour,
/// with managed clusters that stay Creating: a build terminated during a test is never found by the announcer.
/// </summary>
public sealed class RareAnnouncementsFixture : EmbeddedAppFixture
{
    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ProvisioningTime"] = "00:10:00",
        ["Build:InfrastructurePollInterval"] = "00:00:00.500",
        ["Build:TerminatedBuildsPollInterval"] = "01:00:00",
    };
}
