using ClusterFunctions.Core.Catalog;

namespace ClusterFunctions.Bench.Hostile;

/// <summary>Hostile catalog files: one shipped YAML file at a time, damaged, then loaded as the app loads its catalog.</summary>
internal sealed class CatalogProbes(string shippedCatalog, Mutations mutations, Random random) : IDisposable
{
    private readonly string _copy = CopyOf(shippedCatalog);

    /// <summary>What the loader threw, for the report.</summary>
    public List<string> Failures { get; } = [];

    public async Task<Outcome> LoadOneAsync()
    {
        var files = Directory.GetFiles(_copy, "*.yaml", SearchOption.AllDirectories);
        var file = files[random.Next(files.Length)];
        var original = await File.ReadAllTextAsync(file);
        var damaged = Damage(original);
        await File.WriteAllTextAsync(file, damaged);
        try
        {
            var loaded = await Task.Run(() => CatalogLoader.Load(_copy)).WaitAsync(TimeSpan.FromSeconds(10));
            return loaded.Problems.Count == 0 ? Outcome.Accepted
                : loaded.Problems.All(p => p.Message.Length > 0 && p.File.Length > 0) ? Outcome.ClearRefusal
                : Outcome.UnclearRefusal;
        }
        catch (TimeoutException)
        {
            return Outcome.Hang;
        }
        catch (Exception e)
        {
            // The loader must report problems, never throw.
            var kept = Path.Combine(Path.GetTempPath(), $"cf-hostile-failure-{Failures.Count}.yaml");
            await File.WriteAllTextAsync(kept, damaged);
            Failures.Add($"(kept in {kept}) " + $"{Path.GetRelativePath(_copy, file)}: {e.GetType().Name}: {e.Message.Split('\n')[0]} at {e.StackTrace?.Split('\n').FirstOrDefault(l => l.Contains("ClusterFunctions", StringComparison.Ordinal))?.Trim()}");
            return Outcome.ServerError;
        }
        finally
        {
            await File.WriteAllTextAsync(file, original);
        }
    }

    private string Damage(string yaml)
    {
        var lines = yaml.Split('\n').ToList();
        for (var i = random.Next(1, 4); i > 0 && lines.Count > 0; i--)
        {
            var at = random.Next(lines.Count);
            switch (random.Next(8))
            {
                case 0:
                    lines.RemoveAt(at);
                    break;
                case 1:
                    lines.Insert(at, lines[at]);
                    break;
                case 2:
                    lines[at] = "\t" + lines[at];
                    break;
                case 3:
                    lines[at] = lines[at].Length > 1 ? lines[at][..random.Next(lines[at].Length)] : "&";
                    break;
                case 4:
                    lines[at] = lines[at].Contains(':') ? lines[at][..(lines[at].IndexOf(':') + 1)] + " " + mutations.Value()?.ToJsonString() : lines[at];
                    break;
                case 5:
                    lines.Insert(at, mutations.Pick("*alias", "&anchor x", "? complex", "!!binary AAAA", "--- ", "{{", "key: [", "<<: *x", new string(' ', 40) + "deep: 1"));
                    break;
                case 6:
                    lines[at] = lines[at].Replace(":", "", StringComparison.Ordinal);
                    break;
                default:
                    lines[at] += mutations.Pick(" # comment", " \u0000", " 🚀", ": extra", "\r");
                    break;
            }
        }

        return string.Join('\n', lines);
    }

    private static string CopyOf(string source)
    {
        var target = Directory.CreateTempSubdirectory("cf-hostile-catalog-").FullName;
        foreach (var file in Directory.GetFiles(source, "*", SearchOption.AllDirectories))
        {
            var to = Path.Combine(target, Path.GetRelativePath(source, file));
            Directory.CreateDirectory(Path.GetDirectoryName(to)!);
            File.Copy(file, to);
        }

        return target;
    }

    public void Dispose() => Directory.Delete(_copy, recursive: true);
}
