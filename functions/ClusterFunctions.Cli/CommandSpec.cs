namespace ClusterFunctions.Cli;

/// <summary>What a command accepts: options that take a value, switches that do not, and an optional positional argument stored as <paramref name="Positional"/>.</summary>
public sealed record CommandSpec(string Summary, IReadOnlyList<string> Options, IReadOnlyList<string> Switches, string? Positional = null);
