using System.ComponentModel.DataAnnotations;

namespace ClusterFunctions.Functions.Security;

/// <summary>Request limits (the "Limits" section), so one caller cannot exhaust the app or the subscription.</summary>
public sealed class LimitsOptions
{
    /// <summary>HTTP requests one caller may make per minute before getting 429.</summary>
    [Range(1, int.MaxValue)]
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>Builds one requester may have running at once.</summary>
    [Range(1, int.MaxValue)]
    public int MaxConcurrentBuildsPerRequester { get; set; } = 5;

    /// <summary>Builds the app runs at once, across all requesters (the subscription's quota).</summary>
    [Range(1, int.MaxValue)]
    public int MaxConcurrentBuilds { get; set; } = 50;

    /// <summary>What 429 answers tell callers to wait before trying again. (A bare "60" would read as 60 days: hence the range.)</summary>
    [Range(typeof(TimeSpan), "00:00:01", "01:00:00")]
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>
    /// How long a queued request over quota keeps waiting (rechecked every <see cref="RetryAfter"/>) before it is
    /// dead-lettered as OverQuota. A queue sender cannot read a 429, so the wait happens on the queue instead.
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:01", "7.00:00:00")]
    public TimeSpan QueuedRequestMaxWait { get; set; } = TimeSpan.FromHours(1);
}
