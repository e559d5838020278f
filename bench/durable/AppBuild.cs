namespace ClusterFunctions.Bench.Durable;

/// <summary>Finds the bench app's build output and gives each settings profile its own copy.</summary>
public static class AppBuild
{
    public static string RepositoryRoot { get; } = FindRoot();

    public static string Find()
    {
        foreach (string configuration in new[] { "Release", "Debug" })
        {
            string candidate = Path.Combine(RepositoryRoot, "bench", "durable", "app", "bin", configuration, "net10.0");
            if (File.Exists(Path.Combine(candidate, "worker.config.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("bench/durable/app is not built; run ./bench/run durable, which builds it");
    }

    public static string CopyTo(string source, string target)
    {
        foreach (string file in Directory.EnumerateFiles(source, "*", SearchOption.AllDirectories))
        {
            string destination = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(destination)!);
            File.Copy(file, destination, overwrite: true);
        }

        return target;
    }

    private static string FindRoot()
    {
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            if (File.Exists(Path.Combine(directory.FullName, "ClusterFunctions.sln")))
            {
                return directory.FullName;
            }
        }

        throw new InvalidOperationException("run from inside the repository");
    }
}
