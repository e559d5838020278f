using ClusterFunctions.Core.Plans;

namespace ClusterFunctions.Functions.Reconcile;

/// <summary>
/// One reconcile check of a cluster. <see cref="State"/> is what its status shows instead of Ready (Ready, Drifted,
/// Unreachable, Missing, Upgrading), or Ended when the loop has nothing left to keep (<see cref="Differences"/> says
/// why). <see cref="Repaired"/> lists what a repair put back, <see cref="FoundBeforeRepair"/> what differed before it (both empty
/// when nothing was repaired). <see cref="Policy"/> is the plan's, read at this check.
/// </summary>
public sealed record DriftReport(
    string State,
    IReadOnlyList<string> Differences,
    IReadOnlyList<string> Repaired,
    ReconcilePolicy? Policy,
    string Profile,
    string ProfileVersion)
{
    public IReadOnlyList<string> FoundBeforeRepair { get; init; } = [];

    public const string Ready = "Ready";
    public const string Drifted = "Drifted";
    public const string Unreachable = "Unreachable";
    public const string Missing = "Missing";
    public const string Upgrading = "Upgrading";
    public const string Ended = "Ended";

    /// <summary>The same text for the same differences in any order: what "a new drift" is compared on.</summary>
    public string Fingerprint => FingerprintOf(Differences);

    public static string FingerprintOf(IEnumerable<string> differences) => string.Join('\n', differences.Order(StringComparer.Ordinal));
}
