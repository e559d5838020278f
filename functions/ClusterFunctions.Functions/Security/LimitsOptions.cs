namespace ClusterFunctions.Functions.Security;

/// <summary>Request limits (the "Limits" section), so one caller cannot exhaust the app or the subscription.</summary>
public sealed class LimitsOptions
{
    /// <summary>HTTP requests one caller may make per minute before getting 429.</summary>
    public int RequestsPerMinute { get; set; } = 300;

    /// <summary>Builds one requester may have running at once.</summary>
    public int MaxConcurrentBuildsPerRequester { get; set; } = 5;

    /// <summary>Builds the app runs at once, across all requesters (the subscription's quota).</summary>
    public int MaxConcurrentBuilds { get; set; } = 50;

    /// <summary>What 429 answers tell callers to wait before trying again.</summary>
    public TimeSpan RetryAfter { get; set; } = TimeSpan.FromSeconds(60);
}
