namespace ClusterFunctions.Cli;

/// <summary>
/// The command was well formed but could not do its job for a reason the user can act on (no host
/// answers, the key is refused); the CLI prints the message as one line and exits 1, never a stack trace.
/// </summary>
public sealed class CliFailureException(string message, Exception? inner = null) : Exception(message, inner);
