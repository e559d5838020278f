namespace ClusterFunctions.Cli;

/// <summary>What a command accepts: options that take a value, switches that do not, and up to two positional arguments stored as <paramref name="Positional"/> and <paramref name="SecondPositional"/>.</summary>
public sealed record CommandSpec(string Summary, IReadOnlyList<string> Options, IReadOnlyList<string> Switches, string? Positional = null, string? SecondPositional = null);
