namespace ClusterFunctions.Core.Ports;

/// <summary>The outcome of applying one bundle, object by object in manifest order.</summary>
public sealed record BundleApplyResult(string Bundle, IReadOnlyList<AppliedObject> Objects)
{
    /// <summary>True when nothing was created or changed.</summary>
    public bool Unchanged => Objects.All(o => o.Outcome == ApplyOutcome.Unchanged);
}
