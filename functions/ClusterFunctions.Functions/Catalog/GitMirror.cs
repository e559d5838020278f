using System.Security.Cryptography;
using System.Text;

namespace ClusterFunctions.Functions.Catalog;

/// <summary>
/// A local bare copy of the catalog repository: fetches the configured ref and writes one commit's catalog folder
/// into a snapshot directory of its own, which nothing changes afterwards (so a build reading it never sees half a
/// commit). Not thread-safe: <see cref="Activities.CatalogSource"/> calls it one refresh at a time.
/// </summary>
public sealed class GitMirror
{
    // Where the fetched commit is kept, so git's housekeeping never drops it.
    private const string LocalRef = "refs/clusterfunctions/catalog";

    private readonly GitCatalogOptions options;
    private readonly GitCommand git;
    private readonly string repository;
    private readonly string snapshots;

    public GitMirror(GitCatalogOptions options)
    {
        this.options = options;
        var root = string.IsNullOrEmpty(options.CacheDirectory)
            ? Path.Combine(Path.GetTempPath(), "clusterfunctions-catalog", Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(options.Url ?? "")))[..16])
            : options.CacheDirectory;
        repository = Path.Combine(root, "repository.git");
        snapshots = Path.Combine(root, "snapshots");
        git = new GitCommand(repository, options);
    }

    /// <summary>Fetches the ref and answers the commit it points at.</summary>
    public async Task<string> FetchAsync(CancellationToken cancellationToken = default)
    {
        if (!File.Exists(Path.Combine(repository, "HEAD")))
        {
            Directory.CreateDirectory(repository);
            await git.RunAsync(["init", "--bare", "--quiet"], cancellationToken: cancellationToken);
        }

        // Only the one commit: the catalog needs no history, and a big repository stays cheap to follow.
        await git.RunAsync(["fetch", "--quiet", "--no-tags", "--depth=1", "--force", options.Url!, $"+{options.Ref}:{LocalRef}"], cancellationToken: cancellationToken);
        return await git.RunAsync(["rev-parse", "--verify", LocalRef + "^{commit}"], cancellationToken: cancellationToken);
    }

    /// <summary>The directory holding <paramref name="revision"/>'s catalog folder; null when the commit has no such folder.</summary>
    public async Task<string?> SnapshotAsync(string revision, CancellationToken cancellationToken = default)
    {
        var target = Path.Combine(snapshots, revision);
        if (Directory.Exists(target))
        {
            return Path.Combine(target, options.Path);
        }

        var catalogPath = options.Path.Trim('/');
        try
        {
            if (await git.RunAsync(["cat-file", "-t", $"{revision}:{catalogPath}"], cancellationToken: cancellationToken) != "tree")
            {
                return null;
            }
        }
        catch (GitCommandException)
        {
            return null;
        }

        // Written aside and renamed into place: a snapshot directory is either whole or absent.
        Directory.CreateDirectory(snapshots);
        var partial = Path.Combine(snapshots, $".partial-{revision}-{Guid.NewGuid():N}");
        var index = partial + ".index";
        Directory.CreateDirectory(partial);
        try
        {
            // A private index file, so the bare repository's own is never touched.
            await git.RunAsync(["--work-tree=" + partial, "checkout", revision, "--", catalogPath],
                new Dictionary<string, string> { ["GIT_INDEX_FILE"] = index }, cancellationToken);
            Directory.Move(partial, target);
        }
        finally
        {
            File.Delete(index);
            if (Directory.Exists(partial))
            {
                Directory.Delete(partial, recursive: true);
            }
        }

        return Path.Combine(target, options.Path);
    }

    /// <summary>Deletes every snapshot but those of <paramref name="keep"/>.</summary>
    public void Prune(IEnumerable<string?> keep)
    {
        if (!Directory.Exists(snapshots))
        {
            return;
        }

        var kept = keep.OfType<string>().ToHashSet(StringComparer.Ordinal);
        foreach (var directory in Directory.EnumerateDirectories(snapshots).Where(d => !kept.Contains(Path.GetFileName(d))))
        {
            try
            {
                Directory.Delete(directory, recursive: true);
            }
            catch (IOException)
            {
                // Still being read; the next prune takes it.
            }
        }
    }

    public string Scrub(string text) => git.Scrub(text);
}
