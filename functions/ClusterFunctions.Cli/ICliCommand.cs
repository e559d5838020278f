namespace ClusterFunctions.Cli;

/// <summary>One <c>./cluster</c> command.</summary>
public interface ICliCommand
{
    CommandSpec Spec { get; }

    /// <summary>Runs the command and returns the process exit code.</summary>
    Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default);
}
