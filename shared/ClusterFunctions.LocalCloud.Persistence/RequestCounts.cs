namespace ClusterFunctions.LocalCloud.Persistence;

/// <summary>A reading of a <see cref="RequestCounter"/>: requests by HTTP method.</summary>
public sealed record RequestCounts(long Get, long Put, long Post, long Patch, long Delete, long Other)
{
    public long Total => Get + Put + Post + Patch + Delete + Other;

    public static RequestCounts operator -(RequestCounts after, RequestCounts before) => new(
        after.Get - before.Get, after.Put - before.Put, after.Post - before.Post,
        after.Patch - before.Patch, after.Delete - before.Delete, after.Other - before.Other);
}
