namespace ClusterFunctions.Functions.Triggers;

/// <summary>What asking for an upgrade (or its status) came to.</summary>
public enum UpgradeOutcome
{
    Started,
    AlreadyRunning,
    AlreadyDone,
    Found,
    NotFound,
    Forbidden,
    Invalid,
}
