namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>An ARM request path split into segments, matched case-insensitively as ARM does.</summary>
internal sealed class ArmPath(string[] segments)
{
    public string[] Segments { get; } = segments;

    public int Length => Segments.Length;

    public string this[int index] => Segments[index];

    public static ArmPath Parse(string path) =>
        new(path.Split('/', StringSplitOptions.RemoveEmptyEntries).Select(Uri.UnescapeDataString).ToArray());

    /// <summary>True when the segments have exactly this shape; null entries are wildcards.</summary>
    public bool Is(params string?[] shape)
    {
        if (shape.Length != Segments.Length)
        {
            return false;
        }

        for (var i = 0; i < shape.Length; i++)
        {
            if (shape[i] is { } literal && !string.Equals(literal, Segments[i], StringComparison.OrdinalIgnoreCase))
            {
                return false;
            }
        }

        return true;
    }
}
