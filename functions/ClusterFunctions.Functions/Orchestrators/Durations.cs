using System.Globalization;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>Durations as a person reads them in a status: "40 s", "3 min 20 s", "2 h 5 min".</summary>
public static class Durations
{
    public static string Text(TimeSpan duration)
    {
        var seconds = (long)Math.Max(0, Math.Floor(duration.TotalSeconds));
        return seconds switch
        {
            < 60 => Format("{0} s", seconds),
            < 3600 => seconds % 60 == 0 ? Format("{0} min", seconds / 60) : Format("{0} min {1} s", seconds / 60, seconds % 60),
            _ => (seconds % 3600) / 60 == 0 ? Format("{0} h", seconds / 3600) : Format("{0} h {1} min", seconds / 3600, (seconds % 3600) / 60),
        };
    }

    private static string Format(string format, params object[] values) => string.Format(CultureInfo.InvariantCulture, format, values);
}
