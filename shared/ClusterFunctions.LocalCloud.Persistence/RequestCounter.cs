namespace ClusterFunctions.LocalCloud.Persistence;

/// <summary>
/// Requests an emulator has served, by HTTP method, counted as they arrive (rejected ones too): what a benchmark reads
/// to say how many ARM or Kubernetes calls some work cost. One Interlocked add per request; readable at any time.
/// </summary>
public sealed class RequestCounter
{
    private long _get;
    private long _put;
    private long _post;
    private long _patch;
    private long _delete;
    private long _other;

    /// <summary>Counts one request with <paramref name="method"/> (case-insensitive, as HTTP methods arrive).</summary>
    public void Count(string method)
    {
        switch (method.ToUpperInvariant())
        {
            case "GET": Interlocked.Increment(ref _get); break;
            case "PUT": Interlocked.Increment(ref _put); break;
            case "POST": Interlocked.Increment(ref _post); break;
            case "PATCH": Interlocked.Increment(ref _patch); break;
            case "DELETE": Interlocked.Increment(ref _delete); break;
            default: Interlocked.Increment(ref _other); break;
        }
    }

    /// <summary>The counts so far; two readings subtract to the requests in between.</summary>
    public RequestCounts Read() => new(Interlocked.Read(ref _get), Interlocked.Read(ref _put), Interlocked.Read(ref _post),
        Interlocked.Read(ref _patch), Interlocked.Read(ref _delete), Interlocked.Read(ref _other));
}
