using System.Diagnostics;

namespace ClusterFunctions.Functions.Tests.Catalog;

/// <summary>
/// A real Git repository in a temp directory holding a copy of the shipped catalog under infra/catalog, made and
/// changed with the git command, as a person would push to the catalog repository.
/// </summary>
public sealed class CatalogRepository : IDisposable
{
    public const string CatalogPath = "infra/catalog";

    private CatalogRepository(string root)
    {
        Root = root;
    }

    public string Root { get; }

    public string WorkTree => Path.Combine(Root, "work");

    public string Url => new Uri(WorkTree).AbsoluteUri;

    /// <summary>Where the app under test keeps its mirror, beside the repository so both go when the test ends.</summary>
    public string CacheDirectory => Path.Combine(Root, "cache");

    public string Head { get; private set; } = "";

    public static CatalogRepository Create()
    {
        var repository = new CatalogRepository(Directory.CreateTempSubdirectory("cf-catalog-repo-").FullName);
        Directory.CreateDirectory(repository.WorkTree);
        repository.Git("init", "--quiet", "--initial-branch=main");
        TestApps.CopyCatalog(Path.Combine(repository.WorkTree, CatalogPath));
        repository.CommitAll("the shipped catalog");
        return repository;
    }

    /// <summary>Edits one catalog file (path relative to the catalog) on the current branch and commits; answers the new commit.</summary>
    public string Commit(string file, Func<string, string> edit, string message)
    {
        var path = Path.Combine(WorkTree, CatalogPath, file);
        File.WriteAllText(path, edit(File.ReadAllText(path)));
        return CommitAll(message);
    }

    /// <summary>The developer profile with another description: a valid change whose effect is easy to see.</summary>
    public string CommitDescription(string description) =>
        Commit("profiles/developer.yaml", yaml => System.Text.RegularExpressions.Regex.Replace(yaml, "(?m)^description: .*$", "description: " + description), "describe the developer profile anew");

    /// <summary>A commit whose developer profile is not YAML at all.</summary>
    public string CommitBrokenYaml() =>
        Commit("profiles/developer.yaml", yaml => yaml + "\nnodePools: [unclosed\n  - {\n", "break the developer profile");

    public string Git(params string[] arguments)
    {
        var start = new ProcessStartInfo("git") { WorkingDirectory = WorkTree, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in (string[])["-c", "user.name=Catalog Tests", "-c", "user.email=catalog-tests@example.invalid", "-c", "commit.gpgsign=false", .. arguments])
        {
            start.ArgumentList.Add(argument);
        }

        start.Environment["GIT_CONFIG_NOSYSTEM"] = "1";
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEnd();
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        return process.ExitCode == 0 ? output.Trim() : throw new InvalidOperationException($"git {string.Join(' ', arguments)}: {error}");
    }

    public void Dispose()
    {
        try
        {
            Directory.Delete(Root, recursive: true);
        }
        catch (IOException)
        {
            // Leftover temp state is harmless.
        }
    }

    private string CommitAll(string message)
    {
        Git("add", "--all");
        Git("commit", "--quiet", "-m", message);
        Head = Git("rev-parse", "HEAD");
        return Head;
    }
}
