using Amqp;
using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>
/// The links clients attach to read answers from a request/response node, found by the request's
/// reply-to: AMQPNetLite clients name the link's target address, the JavaScript SDK names the link.
/// </summary>
internal sealed class ResponseLinks
{
    readonly Dictionary<(Connection Connection, string Node, string ReplyTo), ListenerLink> links = [];

    public void Add(ListenerLink link, string node, string? targetAddress)
    {
        var connection = link.Session.Connection;
        lock (links)
        {
            links[(connection, node, link.Name)] = link;
            if (!string.IsNullOrEmpty(targetAddress))
            {
                links[(connection, node, targetAddress)] = link;
            }
        }
    }

    public void Remove(ListenerLink link)
    {
        lock (links)
        {
            foreach (var key in links.Where(pair => ReferenceEquals(pair.Value, link)).Select(pair => pair.Key).ToList())
            {
                links.Remove(key);
            }
        }
    }

    public ListenerLink? Find(Connection connection, string node, string? replyTo)
    {
        if (replyTo is null)
        {
            return null;
        }

        lock (links)
        {
            return links.TryGetValue((connection, node, replyTo), out var link) && !link.IsClosed ? link : null;
        }
    }
}
