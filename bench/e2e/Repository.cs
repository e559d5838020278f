namespace ClusterFunctions.Bench.E2e;

/// <summary>Finds the repository root (the folder with ClusterFunctions.sln) from wherever a bench runs; linked into the benches that start the app.</summary>
internal static class Repository
{
    public static string Root()
    {
        for (var dir = new DirectoryInfo(Directory.GetCurrentDirectory()); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "ClusterFunctions.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("run the bench from inside the repository (./bench/run NAME)");
    }

    /// <summary>The function app's Release build output, which the host runs as its worker (built with the bench).</summary>
    public static string AppDirectory()
    {
        var directory = Path.Combine(Root(), "functions", "ClusterFunctions.Functions", "bin", "Release", "net10.0");
        return File.Exists(Path.Combine(directory, "worker.config.json"))
            ? directory
            : throw new InvalidOperationException("the function app is not built in Release; ./bench/run builds it with the bench");
    }
}
