namespace ClusterFunctions.Bench.E2e;

/// <summary>Finds the repository root (the folder with ClusterFunctions.sln) from wherever the bench runs.</summary>
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

        throw new InvalidOperationException("run the bench from inside the repository (./bench/run e2e)");
    }
}
