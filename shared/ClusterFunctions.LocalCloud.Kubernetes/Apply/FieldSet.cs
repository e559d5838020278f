using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>
/// The set of leaf field paths one manager owns, as server-side apply tracks them. Items of the
/// associative lists in <see cref="ListKeys"/> are tracked one by one (with a "." marker for the
/// item itself); every other list is one leaf.
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
                        Collect(metaValue, "metadata" + Separator + metaKey, metaKey, paths);
                    }
                }

                continue;
            }

            Collect(value, key, key, paths);
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

    /// <summary>
    /// Leaf paths of this set that overlap a path of <paramref name="other"/> (equal, or one inside the
    /// other). Item markers never conflict: two managers may both keep a list item.
    /// </summary>
    public IEnumerable<string> Overlapping(FieldSet other) =>
        _paths.Where(p => !IsMarker(p) && (other._paths.Contains(p) || other._paths.Any(o => !IsMarker(o) && (IsInside(o, p) || IsInside(p, o)))));

    /// <summary>Whether a path is the "." marker of a keyed list item.</summary>
    public static bool IsMarker(string path) => path.EndsWith(Separator + ListKeys.Marker, StringComparison.Ordinal);

    /// <summary>Whether <paramref name="path"/> lies strictly inside <paramref name="ancestor"/>.</summary>
    public static bool IsInside(string path, string ancestor) =>
        path.Length > ancestor.Length && path.StartsWith(ancestor, StringComparison.Ordinal) && path[ancestor.Length] == Separator;

    /// <summary>The fieldsV1 tree kube-apiserver stores in managedFields.</summary>
    public JsonObject ToFieldsV1()
    {
        var root = new JsonObject();
        foreach (var path in _paths.Order(StringComparer.Ordinal))
        {
            var node = root;
            foreach (var segment in Segments(path))
            {
                var key = segment == ListKeys.Marker || ListKeys.IsItemSegment(segment) ? segment : "f:" + segment;
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

    /// <summary>How kube-apiserver prints a path in conflict messages: ".spec.replicas", ".spec.containers[name="web"].image".</summary>
    public static string Display(string path) => string.Concat(Segments(path)
        .Where(s => s != ListKeys.Marker)
        .Select(s => ListKeys.IsItemSegment(s) ? ListKeys.Display(s) : "." + s));

    private static void Collect(JsonNode? value, string prefix, string field, HashSet<string> paths)
    {
        if (value is JsonObject obj && obj.Count > 0)
        {
            foreach (var (key, child) in obj)
            {
                Collect(child, prefix + Separator + key, key, paths);
            }

            return;
        }

        if (value is JsonArray list && ListKeys.ItemSegments(field, list) is { } segments)
        {
            for (var i = 0; i < list.Count; i++)
            {
                var itemPrefix = prefix + Separator + segments[i];
                paths.Add(itemPrefix + Separator + ListKeys.Marker);
                foreach (var (key, child) in (JsonObject)list[i]!)
                {
                    Collect(child, itemPrefix + Separator + key, key, paths);
                }
            }

            return;
        }

        paths.Add(prefix);
    }

    private static void CollectFieldsV1(JsonObject node, string? prefix, HashSet<string> paths)
    {
        if (node.Count == 0 && prefix is not null)
        {
            paths.Add(prefix);
            return;
        }

        foreach (var (key, child) in node)
        {
            var segment = key == ListKeys.Marker || ListKeys.IsItemSegment(key) ? key : key.StartsWith("f:", StringComparison.Ordinal) ? key[2..] : null;
            if (segment is null)
            {
                continue;
            }

            var path = prefix is null ? segment : prefix + Separator + segment;
            if (segment == ListKeys.Marker)
            {
                paths.Add(path);
            }
            else
            {
                CollectFieldsV1(child as JsonObject ?? [], path, paths);
            }
        }
    }
}
