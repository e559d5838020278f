using System.Runtime.CompilerServices;
using Amqp;
using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Security;

/// <summary>What each connection may reach: entity paths granted through <c>$cbs</c>, or everything after SASL PLAIN with the key.</summary>
internal sealed class ConnectionGrants(TimeProvider timeProvider)
{
    readonly ConditionalWeakTable<Connection, List<(string Path, DateTimeOffset ExpiresAt)>> grants = [];

    public void Grant(Connection connection, string entityPath, DateTimeOffset expiresAt)
    {
        var list = grants.GetValue(connection, _ => []);
        lock (list)
        {
            list.Add((entityPath, expiresAt));
        }
    }

    public bool IsAuthorized(Connection connection, string entityPath)
    {
        if (connection is ListenerConnection { Principal: not null })
        {
            return true; // authenticated with SASL PLAIN, key name and key, which Service Bus also accepts
        }

        if (!grants.TryGetValue(connection, out var list))
        {
            return false;
        }

        var now = timeProvider.GetUtcNow();
        lock (list)
        {
            return list.Any(grant => grant.ExpiresAt > now && Covers(grant.Path, entityPath));
        }
    }

    /// <summary>A grant for "queue" covers "queue/$DeadLetterQueue" and "queue/$management"; a grant for "" covers the namespace.</summary>
    public static bool Covers(string grantedPath, string entityPath) =>
        grantedPath.Length == 0
        || string.Equals(grantedPath, entityPath, StringComparison.OrdinalIgnoreCase)
        || entityPath.StartsWith(grantedPath + "/", StringComparison.OrdinalIgnoreCase);
}
