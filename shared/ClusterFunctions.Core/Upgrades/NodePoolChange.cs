namespace ClusterFunctions.Core.Upgrades;

/// <summary>One node pool's change, e.g. <c>apps: maxCount 3 -> 5</c>, <c>gpu2: added (Standard_NC4as_T4_v3, 0-2)</c>.</summary>
/// <param name="Name">The pool.</param>
/// <param name="Change">"added", "removed" or "changed".</param>
/// <param name="Details">What changes, readable.</param>
public sealed record NodePoolChange(string Name, string Change, string Details);
