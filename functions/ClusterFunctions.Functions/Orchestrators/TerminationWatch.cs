using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// What the announcer of terminated builds carries from one turn to the next (its ContinueAsNew input): the latest
/// termination it has looked at (the watermark), the builds it announced lately, how long it waits between turns, and
/// how many turns it has taken.
/// </summary>
public sealed record TerminationWatch(DateTimeOffset Watermark, IReadOnlyList<AnnouncedTermination> Announced, TimeSpan PollInterval, long Turn = 0)
{
    /// <summary>
    /// How far before the watermark each turn looks again. The engine stamps a termination's time before the write that
    /// makes it visible, and hosts' clocks differ, so a termination can show up stamped a little before one already seen;
    /// the builds announced in this window are remembered, so looking again repeats nothing.
    /// </summary>
    public static readonly TimeSpan Overlap = TimeSpan.FromMinutes(5);

    /// <summary>
    /// A first watch looks at every terminated build: one terminated before the announcer first ran is announced late
    /// rather than never (a repeat carries the same event id, which subscribers drop).
    /// </summary>
    public static TerminationWatch Start(TimeSpan pollInterval) => new(DateTimeOffset.MinValue, [], pollInterval);

    /// <summary>The earliest termination time this turn looks at.</summary>
    public DateTimeOffset Since => Watermark - DateTimeOffset.MinValue > Overlap ? Watermark - Overlap : DateTimeOffset.MinValue;

    /// <summary>
    /// Whether the build terminated at <paramref name="terminatedAt"/> was dealt with by the turns so far: announced, or
    /// older than anything a turn still looks at (the watermark passed it by more than the overlap).
    /// </summary>
    public bool HasAnnounced(string instanceId, DateTimeOffset terminatedAt) =>
        terminatedAt < Since || Announced.Contains(new AnnouncedTermination(instanceId, terminatedAt));

    /// <summary>
    /// The watch for the next turn. The watermark moves only when every owed event went out: a build whose event
    /// failed is then found again next turn, and those announced meanwhile are remembered so they go out once.
    /// </summary>
    public TerminationWatch After(TerminatedBuildsResult found, IReadOnlyList<AnnouncedTermination> announced)
    {
        ArgumentNullException.ThrowIfNull(found);
        var complete = announced.Count == found.Owed.Count;
        var watermark = complete && found.Latest > Watermark ? found.Latest.Value : Watermark;
        var floor = watermark - DateTimeOffset.MinValue > Overlap ? watermark - Overlap : DateTimeOffset.MinValue;
        return this with
        {
            Watermark = watermark,
            Announced = [.. Announced.Concat(announced).Where(a => a.TerminatedAt >= floor).Distinct()],
            PollInterval = found.PollInterval,
            Turn = Turn + 1,
        };
    }
}
