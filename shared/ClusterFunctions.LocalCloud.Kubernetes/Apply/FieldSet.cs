using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>
/// The set of leaf field paths one manager owns, as server-side apply tracks them. Lists are atomic
/// (a list is one leaf), which is the documented simplification of this emulator.
/// </summary>
internal sealed class FieldSet
{
    private const char Separator = '\u001f';
    private readonly HashSet<string> _paths;

    private FieldSet(HashSet<string> paths) => _paths = paths;

    public static FieldSet Empty => new([]);

    public int Count => _paths.Count;

    public IEnumerable<string> Paths => _paths;

    /// <summary>Leaf paths of an object, leaving out identity, server-owned metadata and status.</summary>
    public static FieldSet FromObject(JsonObject obj)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (key, value) in obj)
        {
            if (key is "apiVersion" or "kind" or "status")
            {
                continue;
            }

            if (key == "metadata" && value is JsonObject metadata)
            {
                foreach (var (metaKey, metaValue) in metadata)
                {
                    if (metaKey is "labels" or "annotations" or "finalizers" or "ownerReferences")
                    {
                        Collect(metaValue, "metadata" + Separator + metaKey, paths);
                    }
                }

                continue;
            }

            Collect(value, key, paths);
        }

        return new FieldSet(paths);
    }

    /// <summary>Reads a managedFields entry's fieldsV1 tree.</summary>
    public static FieldSet FromFieldsV1(JsonObject? fields)
    {
        var paths = new HashSet<string>(StringComparer.Ordinal);
        if (fields is not null)
        {
            CollectFieldsV1(fields, null, paths);
        }

        return new FieldSet(paths);
    }

    public bool Contains(string path) => _paths.Contains(path);

    public FieldSet Union(FieldSet other) => new([.. _paths, .. other._paths]);

    public FieldSet Except(FieldSet other) => new([.. _paths.Where(p => !other._paths.Contains(p))]);

    public FieldSet Without(IEnumerable<string> paths)
    {
        var copy = new HashSet<string>(_paths, StringComparer.Ordinal);
        copy.ExceptWith(paths);
        return new FieldSet(copy);
    }

    public bool SetEquals(FieldSet other) => _paths.SetEquals(other._paths);

    /// <summary>Paths of this set that overlap a path of <paramref name="other"/> (equal, or one inside the other).</summary>
    public IEnumerable<string> Overlapping(FieldSet other) =>
        _paths.Where(p => other._paths.Contains(p) || other._paths.Any(o => IsInside(o, p) || IsInside(p, o)));

    /// <summary>The fieldsV1 tree kube-apiserver stores in managedFields.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in _paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in Segments(path))
            {
                var key = "f:" + segment;
                if (node[key] is not JsonObject child)
                {
                    child = new JsonObject();
                    node[key] = child;
                }

                node = child;
            }
        }

        return root;
    }

    public static string[] Segments(string path) => path.Split(Separator);

    /// <summary>How kube-apiserver prints a path in conflict messages: ".spec.replicas".</summary>
    public static string Display(string path) => "." + string.Join('.', Segments(path));

    private static bool IsInside(string path, string ancestor) =>
        path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == Separator;

    private static void Collect(JsonNode? value, string prefix, HashSet<string> paths)
    {
        if (value is JsonObject obj && obj.Count > 0)
        {
            foreach (var (key, child) in obj)
            {
                Collect(child, prefix + Separator + key, paths);
            }

            return;
        }

        paths.Add(prefix);
    }

    private static void CollectFieldsV1(JsonObject node, string? prefix, HashSet<string> paths)
    {
        var children = node.Where(kv => kv.Key.StartsWith("f:", StringComparison.Ordinal)).ToList();
        if (children.Count == 0 || node.ContainsKey("."))
        {
            if (prefix is not null)
            {
                paths.Add(prefix);
            }
        }

        foreach (var (key, child) in children)
        {
            var path = prefix is null ? key[2..] : prefix + Separator + key[2..];
            CollectFieldsV1(child as JsonObject ?? [], path, paths);
        }
    }
}
