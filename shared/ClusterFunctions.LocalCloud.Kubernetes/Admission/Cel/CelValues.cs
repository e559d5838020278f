using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

/// <summary>CEL equality, ordering and arithmetic over the evaluator's value representation.</summary>
internal static class CelValues
{
    public static bool AreEqual(object? a, object? b) => (a, b) switch
    {
        (null, null) => true,
        (null, _) or (_, null) => false,
        (long x, double y) => x == y,
        (double x, long y) => x == y,
        (List<object?> x, List<object?> y) => x.Count == y.Count && x.Zip(y).All(p => AreEqual(p.First, p.Second)),
        (JsonObject x, JsonObject y) => JsonNode.DeepEquals(x, y),
        _ => a.Equals(b),
    };

    public static bool Compare(string op, object? left, object? right)
    {
        var order = (left, right) switch
        {
            (long x, long y) => x.CompareTo(y),
            (long x, double y) => ((double)x).CompareTo(y),
            (double x, long y) => x.CompareTo(y),
            (double x, double y) => x.CompareTo(y),
            (string x, string y) => string.CompareOrdinal(x, y),
            (bool x, bool y) => x.CompareTo(y),
            _ => throw new CelException($"found no matching overload for '{op}' applied to '({CelEvaluator.TypeName(left)}, {CelEvaluator.TypeName(right)})'"),
        };
        return op switch { "<" => order < 0, "<=" => order <= 0, ">" => order > 0, _ => order >= 0 };
    }

    public static object? Arithmetic(string op, object? left, object? right) => (op, left, right) switch
    {
        ("+", long x, long y) => x + y,
        ("-", long x, long y) => x - y,
        ("*", long x, long y) => x * y,
        ("/", long _, 0L) or ("%", long _, 0L) => throw new CelException("division by zero"),
        ("/", long x, long y) => x / y,
        ("%", long x, long y) => x % y,
        ("+", double x, double y) => x + y,
        ("-", double x, double y) => x - y,
        ("*", double x, double y) => x * y,
        ("/", double x, double y) => x / y,
        ("+", string x, string y) => x + y,
        ("+", List<object?> x, List<object?> y) => x.Concat(y).ToList(),
        _ => throw new CelException($"found no matching overload for '_{op}_' applied to '({CelEvaluator.TypeName(left)}, {CelEvaluator.TypeName(right)})'"),
    };
}
