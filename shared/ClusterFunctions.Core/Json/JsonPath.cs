using System.Text;

namespace ClusterFunctions.Core.Json;

/// <summary>Builds the field paths errors name: <c>a.b</c>, <c>a[0]</c>, and <c>a["odd key"]</c> for names that are not plain.</summary>
public static class JsonPath
{
    private const int MaxShownNameLength = 64;

    /// <summary>The path of property <paramref name="name"/> inside the object at <paramref name="parent"/>.</summary>
    public static string Property(string parent, string name)
    {
        if (IsPlain(name))
        {
            return parent.Length == 0 ? name : $"{parent}.{name}";
        }

        // Odd names are quoted and cut, so a hostile key cannot forge another path or flood a log line.
        var shown = new StringBuilder();
        foreach (var c in name.Length > MaxShownNameLength ? name[..MaxShownNameLength] : name)
        {
            shown.Append(c is '"' or '\\' ? $"\\{c}" : char.IsControl(c) || char.IsSurrogate(c) || IsBidiControl(c) ? $"\\u{(int)c:x4}" : c.ToString());
        }

        return $"{parent}[\"{shown}{(name.Length > MaxShownNameLength ? "..." : "")}\"]";
    }

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="parent"/>.</summary>
    public static string Item(string parent, int index) => $"{parent}[{index}]";

    /// <summary>Characters that reorder displayed text (the "Trojan Source" trick) and are refused in every string.</summary>
    public static bool IsBidiControl(char c) => c is (>= '\u202A' and <= '\u202E') or (>= '\u2066' and <= '\u2069');

    private static bool IsPlain(string name) =>
        name.Length is > 0 and <= MaxShownNameLength && name.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or ':' or '/');
}
