using System.Threading.Channels;

namespace ClusterFunctions.LocalCloud.Kubernetes.Storage;

/// <summary>A live watch: the events of one resource (optionally one namespace) after a revision.</summary>
internal sealed class WatchSubscription(string typeId, string? ns, Action<WatchSubscription> unsubscribe) : IDisposable
{
    private readonly Channel<StoreEvent> _channel = Channel.CreateUnbounded<StoreEvent>();

    public ChannelReader<StoreEvent> Events => _channel.Reader;

    public bool Matches(StoreEvent e) => e.TypeId == typeId && (ns is null || e.Namespace == ns);

    public void Offer(StoreEvent e)
    {
        if (Matches(e))
        {
            _channel.Writer.TryWrite(e);
        }
    }

    /// <summary>Ends the stream, as a load balancer or apiserver restart would drop it.</summary>
    public void Drop() => _channel.Writer.TryComplete();

    public void Dispose()
    {
        _channel.Writer.TryComplete();
        unsubscribe(this);
    }
}
