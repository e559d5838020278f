using Amqp;
using Amqp.Framing;
using Amqp.Listener;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Entities;
using ClusterFunctions.LocalCloud.ServiceBus.Management;
using ClusterFunctions.LocalCloud.ServiceBus.Security;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>Attaches every link: request/response nodes, and send and receive links to entities after checking the connection was authorised for them.</summary>
internal sealed class EntityLinkProcessor(
    EntityRegistry registry,
    IReadOnlyDictionary<string, IRequestHandler> nodes,
    ConnectionGrants grants,
    int maxMessageSizeBytes) : ILinkProcessor
{
    static readonly Symbol SessionFilter = "com.microsoft:session-filter";
    static readonly Symbol LockedUntilUtc = "com.microsoft:locked-until-utc";
    static readonly Symbol Timeout = "com.microsoft:timeout";

    const int SendCredit = 300;
    const int RequestCredit = 100;

    readonly ResponseLinks responses = new();

    public void Process(AttachContext attachContext)
    {
        var attach = attachContext.Attach;
        var clientReceives = attach.Role;
        var address = clientReceives ? (attach.Source as Source)?.Address : (attach.Target as Target)?.Address;
        var path = EntityRegistry.Normalize(address);
        // The answer echoes the client's attach; the SDKs size batches by the broker's max-message-size.
        attach.MaxMessageSize = (ulong)maxMessageSizeBytes;
        if (nodes.TryGetValue(path, out var handler))
        {
            // $cbs and $management: open to every connection; the handlers check what they need.
            if (clientReceives)
            {
                responses.Add(attachContext.Link, path, (attach.Target as Target)?.Address);
                attachContext.Complete(new ResponseLinkEndpoint(responses), 0);
            }
            else
            {
                attachContext.Complete(new RequestLinkEndpoint(path, handler, responses), RequestCredit);
            }

            return;
        }
        if (!grants.IsAuthorized(attachContext.Link.Session.Connection, path))
        {
            attachContext.Complete(new Error(ErrorCode.UnauthorizedAccess)
            {
                Description = $"Unauthorized access to '{path}': put a token for it on $cbs first.",
            });
            return;
        }

        if (clientReceives && registry.TryGetReceivable(path, out var entity))
        {
            var filters = (attach.Source as Source)?.FilterSet;
            if (filters is not null && filters.ContainsKey(SessionFilter))
            {
                _ = AttachSessionAsync(attachContext, entity, filters[SessionFilter] as string, filters);
            }
            else if (entity.RequiresSession)
            {
                attachContext.Complete(new Error(ErrorCode.NotAllowed)
                {
                    Description = $"The entity '{path}' requires sessions: receive through a session receiver.",
                });
            }
            else
            {
                attachContext.Complete(new EntitySourceEndpoint(entity, attachContext.Link, null), 0);
            }

            return;
        }

        if (!clientReceives && registry.TryGetTarget(path, out var target))
        {
            attachContext.Complete(new EntityTargetEndpoint(target, maxMessageSizeBytes), SendCredit);
            return;
        }

        attachContext.Complete(new Error(ErrorCode.NotFound)
        {
            Description = $"The messaging entity '{path}' could not be found.",
        });
    }

    /// <summary>
    /// Locks the session asked for, or the next one with messages; with none free, waits up to the
    /// client's com.microsoft:timeout and then refuses with com.microsoft:timeout, as Service Bus does.
    /// </summary>
    async Task AttachSessionAsync(AttachContext attachContext, MessageEntity entity, string? requested, Map filters)
    {
        if (!entity.RequiresSession)
        {
            attachContext.Complete(new Error(ErrorCode.NotAllowed) { Description = $"The entity '{entity.Path}' does not require sessions." });
            return;
        }

        var attach = attachContext.Attach;
        var waitMs = attach.Properties?[Timeout] is uint ms ? ms : 60_000u;
        // The client's timeout runs on its wall clock, whatever clock the emulator's locks use.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        while (true)
        {
            var sessionId = entity.TryLockSession(requested, attachContext.Link, out var error);
            if (error is not null)
            {
                attachContext.Complete(new Error(new Symbol("com.microsoft:session-cannot-be-locked")) { Description = error });
                return;
            }

            if (sessionId is not null)
            {
                filters[SessionFilter] = sessionId;
                attach.Properties ??= new Fields();
                attach.Properties[LockedUntilUtc] = entity.SessionLockedUntil(sessionId)!.Value.UtcDateTime.Ticks;
                attachContext.Complete(new EntitySourceEndpoint(entity, attachContext.Link, sessionId), 0);
                return;
            }

            if (waited.ElapsedMilliseconds >= waitMs || attachContext.Link.Session.Connection.IsClosed)
            {
                attachContext.Complete(new Error(new Symbol("com.microsoft:timeout")) { Description = $"No session with messages became available on '{entity.Path}' in {waitMs} ms." });
                return;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50)).ConfigureAwait(false);
        }
    }
}
