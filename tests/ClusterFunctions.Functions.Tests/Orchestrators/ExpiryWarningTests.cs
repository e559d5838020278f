using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

/// <summary>When a cluster's ClusterExpiring warning goes out: Build:ExpiryWarning ahead, or a quarter of a short ttl.</summary>
public class ExpiryWarningTests
{
    [Theory]
    [InlineData("08:00:00", "01:00:00", "01:00:00")] // the developer profile's 8 h with the default hour
    [InlineData("08:00:00", "03:00:00", "02:00:00")] // a lead past a quarter of the ttl would warn too early
    [InlineData("08:00:00", "00:10:00", "00:10:00")] // a shorter lead, as set
    [InlineData("00:00:20", "01:00:00", "00:00:05")] // a 20 s ttl: a quarter of it
    [InlineData("08:00:00", "00:00:00", "00:00:00")] // no warning ahead: at the expiry
    public void WarningFor_IsTheLead_UnlessAQuarterOfTheTtlIsShorter(string ttl, string lead, string warning) =>
        Assert.Equal(TimeSpan.Parse(warning), ExpiryLease.WarningFor(TimeSpan.Parse(ttl), TimeSpan.Parse(lead)));
}
