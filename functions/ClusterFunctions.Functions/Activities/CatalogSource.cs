using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Functions.Catalog;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// The catalog the app builds from. From a folder (Build:CatalogDirectory) it is read again whenever its files changed
/// (<see cref="CatalogFolderCache"/>), so edits take effect without a restart. From Git (Catalog:Git:Url) it is the
/// last good commit's: a refresh fetches the ref, and a new commit is taken into use only when its catalog has no
/// problems; otherwise the commit is refused, with its problems kept and logged, and the good one stays in force.
/// </summary>
public sealed class CatalogSource(IOptions<BuildOptions> options, IOptions<GitCatalogOptions> gitOptions, TimeProvider time, ILogger<CatalogSource> logger)
{
    private readonly SemaphoreSlim refreshing = new(1, 1);
    private readonly CatalogFolderCache folders = new();
    private GitMirror? mirror;
    private volatile GoodCommit? current;
    private volatile CatalogRefusal? refused;
    private volatile string? head;

    public bool FromGit => gitOptions.Value.Enabled;

    /// <summary>The folder the catalog is read from now (for Git, the snapshot of the commit in force).</summary>
    public string Directory => FromGit ? current?.Directory ?? "" : options.Value.CatalogDirectory;

    /// <summary>The commit whose catalog is in force; null for a folder catalog.</summary>
    public string? Revision => current?.Revision;

    /// <summary>The commit the ref pointed at when last fetched (in force or refused); null before the first fetch.</summary>
    public string? Head => head;

    /// <summary>The last commit refused, with its problems; null when none was.</summary>
    public CatalogRefusal? LastRefused => refused;

    public CatalogLoadResult Load() => LoadWithRevision().Result;

    public LoadedCatalog LoadWithRevision()
    {
        if (!FromGit)
        {
            return new LoadedCatalog(folders.Load(options.Value.CatalogDirectory), null);
        }

        // One read of the field: the catalog and the revision it is reported under are the same commit's.
        var good = current;
        if (good is null)
        {
            var missing = CatalogLoader.Load(Path.Combine(Path.GetTempPath(), "clusterfunctions-no-catalog-" + Guid.NewGuid().ToString("N")));
            return new LoadedCatalog(missing with { Problems = [new CatalogProblem(GitCatalogOptions.Section, "", "no commit of the catalog repository has been loaded yet")] }, null);
        }

        return new LoadedCatalog(folders.Load(good.Directory), good.Revision);
    }

    /// <summary>
    /// Fetches the ref and, when it moved to a commit not seen before, validates that commit's catalog and takes it
    /// into use or refuses it. A failed fetch throws <see cref="GitCommandException"/> and changes nothing.
    /// </summary>
    public async Task<CatalogRefreshResult> RefreshAsync(CancellationToken cancellationToken = default)
    {
        if (!FromGit)
        {
            return new CatalogRefreshResult(null, null, null);
        }

        var git = gitOptions.Value;
        await refreshing.WaitAsync(cancellationToken);
        try
        {
            mirror ??= new GitMirror(git);
            var fetched = await mirror.FetchAsync(cancellationToken);
            head = fetched;
            if (fetched == current?.Revision || fetched == refused?.Revision)
            {
                return Result();
            }

            var directory = await mirror.SnapshotAsync(fetched, cancellationToken);
            IReadOnlyList<CatalogProblem> problems = directory is null
                ? [new CatalogProblem(git.Path, "", $"the commit has no folder '{git.Path}' ({GitCatalogOptions.Section}:Path)")]
                : CatalogLoader.Load(directory).Problems;
            var previous = current;
            if (problems.Count == 0)
            {
                current = new GoodCommit(fetched, directory!);
                logger.LogInformation("Catalog from {Repository} ({Ref}): commit {Revision} is in force (was {PreviousRevision})",
                    GitUrls.Redact(git.Url), git.Ref, fetched, previous?.Revision ?? "none");
            }
            else
            {
                refused = new CatalogRefusal(fetched, time.GetUtcNow(), problems);
                logger.LogWarning("Catalog from {Repository} ({Ref}): commit {Revision} refused, {ProblemCount} problem(s); commit {InForce} stays in force. {Problems}",
                    GitUrls.Redact(git.Url), git.Ref, fetched, problems.Count, previous?.Revision ?? "none", string.Join("; ", problems));
            }

            // The commit before stays on disk for builds that read it a moment ago.
            mirror.Prune([current?.Revision, previous?.Revision]);
            return Result();
        }
        finally
        {
            refreshing.Release();
        }
    }

    private CatalogRefreshResult Result() =>
        new(current?.Revision, head, refused is { } r && r.Revision == head ? r : null);

    private sealed record GoodCommit(string Revision, string Directory);
}
