namespace ClusterFunctions.Core.Json;

/// <summary>One refused part of a JSON document: where it is and the rule it breaks.</summary>
/// <param name="Path">Field path such as <c>overrides.nodePools.gpu.minCount</c> or <c>labels["a b"]</c>; empty for the whole document.</param>
/// <param name="Message">The rule, e.g. "expected a number, got a string".</param>
public sealed record JsonFieldError(string Path, string Message)
{
    public override string ToString() => Path.Length == 0 ? Message : $"{Path}: {Message}";
}
