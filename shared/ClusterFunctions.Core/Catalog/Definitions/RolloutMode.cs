namespace ClusterFunctions.Core.Catalog.Definitions;

/// <summary>
/// What a new version of a profile does to clusters already built from it: <c>auto</c> upgrades them,
/// <c>manual</c> (the default, because an upgrade touches running clusters) waits for a person.
/// </summary>
public enum RolloutMode
{
    Manual,
    Auto,
}
