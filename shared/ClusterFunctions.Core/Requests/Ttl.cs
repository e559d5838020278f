using System.Globalization;
using System.Text.RegularExpressions;

namespace ClusterFunctions.Core.Requests;

/// <summary>
/// A cluster's lifetime as people write it in a profile, a request or <c>./cluster extend</c>: a whole number and one
/// unit, <c>30s</c>, <c>30m</c>, <c>8h</c>, <c>2d</c>. One unit only, so "1h30m" is refused rather than half-read.
/// </summary>
public static partial class Ttl
{
    public static readonly TimeSpan Max = TimeSpan.FromDays(365);

    public const string Rule = "must be a whole number followed by s, m, h or d (e.g. 30m, 8h, 2d), between 1s and 365d";

    /// <summary>The duration <paramref name="text"/> names, or null when it breaks <see cref="Rule"/>.</summary>
    public static TimeSpan? Parse(string? text)
    {
        if (text is null || Pattern().Match(text) is not { Success: true } match
            || !long.TryParse(match.Groups[1].Value, NumberStyles.None, CultureInfo.InvariantCulture, out var count))
        {
            return null;
        }

        var seconds = match.Groups[2].Value switch { "s" => 1L, "m" => 60L, "h" => 3600L, _ => 86400L };
        return count >= 1 && count <= Max.TotalSeconds / seconds ? TimeSpan.FromSeconds(count * seconds) : null;
    }

    /// <summary>The shortest text <see cref="Parse"/> reads back as <paramref name="ttl"/> (whole seconds).</summary>
    public static string Format(TimeSpan ttl)
    {
        var seconds = (long)ttl.TotalSeconds;
        return seconds % 86400 == 0 ? $"{seconds / 86400}d"
            : seconds % 3600 == 0 ? $"{seconds / 3600}h"
            : seconds % 60 == 0 ? $"{seconds / 60}m"
            : $"{seconds}s";
    }

    [GeneratedRegex(@"^([0-9]{1,8})([smhd])$", RegexOptions.CultureInvariant)]
    private static partial Regex Pattern();
}
