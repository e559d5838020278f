namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>What an upgrade of a profile's clusters was asked to do, by whom, signed by the upgrade route.</summary>
/// <param name="ProfileVersion">The version the clusters are upgraded to: the profile's when the route started it.</param>
/// <param name="Signature">The app's signature (see <c>RouteSignatures.Upgrade</c>); an upgrade without a valid one changes nothing.</param>
public sealed record UpgradeProfileInput(
    string Profile,
    string ProfileVersion,
    int WaveSize,
    bool DryRun,
    string RequestedBy,
    BuildTimings Timings,
    string? TraceParent,
    string Signature);
