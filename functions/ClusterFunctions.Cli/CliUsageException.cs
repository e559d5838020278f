namespace ClusterFunctions.Cli;

/// <summary>The command line itself is wrong; the CLI prints the message and the usage, and exits 2.</summary>
public sealed class CliUsageException(string? message) : Exception(message ?? "usage");
