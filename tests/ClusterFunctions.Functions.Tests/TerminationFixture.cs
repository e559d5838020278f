using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// The app on a LocalCloud whose managed clusters stay Creating for ten minutes (so a build can be terminated in its
/// infrastructure step), looking for terminated builds every half second, with two running builds per requester and
/// a requester of its own for the quota test. The announcer's log lines are kept, to count what it published.
/// </summary>
public sealed class TerminationFixture : EmbeddedAppFixture
{
    /// <summary>A developer caller whose builds only the quota test starts.</summary>
    public string QuotaKey { get; } = FunctionKeys.Generate();

    public CapturingLoggerProvider LogLines { get; } = new();

    protected override ILoggerProvider? Logs => LogLines;

    protected override IReadOnlyDictionary<string, string?> ExtraSettings => new Dictionary<string, string?>
    {
        ["LocalCloud:ProvisioningTime"] = "00:10:00",
        ["Build:InfrastructurePollInterval"] = "00:00:00.500",
        ["Build:TerminatedBuildsPollInterval"] = "00:00:00.500",
        ["Limits:MaxConcurrentBuildsPerRequester"] = "2",
        ["Auth:Keys:quota:Value"] = QuotaKey,
        ["Auth:Keys:quota:Roles"] = "developer",
    };
}
