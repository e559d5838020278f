namespace ClusterFunctions.Functions.Security;

/// <summary>The authentication schemes a caller may use, in the order they are tried.</summary>
public sealed record CallerSchemes(IReadOnlyList<string> Names);
