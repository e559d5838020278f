namespace ClusterFunctions.Tests.Shared;

/// <summary>What one kubectl invocation printed and returned.</summary>
internal sealed record KubectlResult(int ExitCode, string Stdout, string Stderr)
{
    public override string ToString() => $"exit {ExitCode}\nstdout: {Stdout}\nstderr: {Stderr}";
}
