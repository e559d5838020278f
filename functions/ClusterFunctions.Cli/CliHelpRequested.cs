namespace ClusterFunctions.Cli;

/// <summary><c>./cluster COMMAND --help</c>: the CLI prints that command's options with their meaning and exits 0.</summary>
public sealed class CliHelpRequested(string command, CommandSpec spec) : Exception(command)
{
    public string Command { get; } = command;

    public CommandSpec Spec { get; } = spec;
}
