namespace ClusterFunctions.Cli.Remote;

/// <summary>
/// Finds the function app's build output, which the local host runs as its worker: CLUSTERFUNCTIONS_APP_DIR, else
/// next to the CLI (./cluster builds both into one folder), else the app project's own bin folder.
/// </summary>
public static class FunctionAppLocator
{
    private const string AppAssembly = "ClusterFunctions.Functions.dll";

    public static string Find()
    {
        if (Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_APP_DIR") is { Length: > 0 } given)
        {
            return IsApp(given) ? given : throw new CliFailureException($"CLUSTERFUNCTIONS_APP_DIR: '{given}' holds no built function app ({AppAssembly} with worker.config.json)");
        }

        if (IsApp(AppContext.BaseDirectory))
        {
            return AppContext.BaseDirectory;
        }

        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            foreach (var configuration in new[] { "Release", "Debug" })
            {
                var candidate = Path.Combine(directory.FullName, "functions", "ClusterFunctions.Functions", "bin", configuration, "net10.0");
                if (IsApp(candidate))
                {
                    return candidate;
                }
            }
        }

        throw new CliFailureException("the function app is not built: run ./cluster (which builds it) or set CLUSTERFUNCTIONS_APP_DIR");
    }

    private static bool IsApp(string directory) =>
        File.Exists(Path.Combine(directory, "worker.config.json")) && File.Exists(Path.Combine(directory, AppAssembly));
}
