namespace ClusterFunctions.Cli;

/// <summary>What a command accepts: options that take a value and switches that do not.</summary>
public sealed record CommandSpec(string Summary, IReadOnlyList<string> Options, IReadOnlyList<string> Switches);
