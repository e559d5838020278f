namespace ClusterFunctions.Cli.Tests;

/// <summary>Runs the CLI in-process against the shipped catalog and captures what it prints.</summary>
internal sealed record CliRun(int ExitCode, string Output, string Error)
{
    public static string Catalog => Path.Combine(AppContext.BaseDirectory, "catalog");

    public static async Task<CliRun> RunAsync(params string[] args)
    {
        var output = new StringWriter();
        var error = new StringWriter();
        var exit = await CliApp.RunAsync(args, output, error);
        return new CliRun(exit, output.ToString(), error.ToString());
    }
}
