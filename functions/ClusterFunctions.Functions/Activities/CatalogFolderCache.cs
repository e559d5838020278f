using System.Text;
using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// The last catalog read from a folder, kept while the folder's files look the same on disk (path, size and write
/// time of each). Every reconcile check and rollout look reads the catalog, and parsing it again each time was most of
/// a check's CPU (bench/reconcile); a stat of each file is much cheaper, and an edit still counts at the next read.
/// </summary>
internal sealed class CatalogFolderCache
{
    private volatile Entry? last;

    public CatalogLoadResult Load(string directory)
    {
        // Taken before the read: a file written during the read changes the next fingerprint, so it is read again.
        var fingerprint = Fingerprint(directory);
        if (last is { } seen && seen.Directory == directory && seen.Fingerprint == fingerprint)
        {
            return seen.Result;
        }

        var result = CatalogLoader.Load(directory);
        last = new Entry(directory, fingerprint, result);
        return result;
    }

    private static string Fingerprint(string directory)
    {
        var folder = new DirectoryInfo(directory);
        if (!folder.Exists)
        {
            return "";
        }

        var fingerprint = new StringBuilder();
        foreach (var file in folder.EnumerateFiles("*", SearchOption.AllDirectories).OrderBy(f => f.FullName, StringComparer.Ordinal))
        {
            fingerprint.Append(file.FullName).Append('|').Append(file.Length).Append('|').Append(file.LastWriteTimeUtc.Ticks).Append('\n');
        }

        return fingerprint.ToString();
    }

    private sealed record Entry(string Directory, string Fingerprint, CatalogLoadResult Result);
}
