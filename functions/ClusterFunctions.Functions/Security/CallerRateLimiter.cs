using System.Threading.RateLimiting;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Security;

/// <summary>A fixed window of requests per authenticated caller (Limits:RequestsPerMinute), so one caller cannot crowd out the rest.</summary>
public sealed class CallerRateLimiter(IOptions<LimitsOptions> limits) : IDisposable
{
    private readonly PartitionedRateLimiter<string> limiter = PartitionedRateLimiter.Create<string, string>(caller =>
        RateLimitPartition.GetFixedWindowLimiter(caller, _ => new FixedWindowRateLimiterOptions
        {
            PermitLimit = limits.Value.RequestsPerMinute,
            Window = TimeSpan.FromMinutes(1),
            QueueLimit = 0,
        }));

    /// <summary>True when <paramref name="caller"/> may make one more request now; otherwise how long to wait.</summary>
    public bool TryAcquire(string caller, out TimeSpan retryAfter)
    {
        using RateLimitLease lease = limiter.AttemptAcquire(caller);
        retryAfter = lease.TryGetMetadata(MetadataName.RetryAfter, out TimeSpan wait) ? wait : limits.Value.RetryAfter;
        return lease.IsAcquired;
    }

    public void Dispose() => limiter.Dispose();
}
