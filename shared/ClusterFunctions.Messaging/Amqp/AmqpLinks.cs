using Amqp;
using Amqp.Framing;
using Amqp.Types;
using AmqpMessage = Amqp.Message;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Link attach and teardown helpers shared by senders, receivers and request/response links.</summary>
internal static class AmqpLinks
{
    /// <summary>Waits for the broker's attach; a refused attach (null terminus, then detach with an error) becomes a MessagingException.</summary>
    public static async Task WaitAttachedAsync(Link link, Task<Attach> attached, string address, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var closed = new TaskCompletionSource<Error?>(TaskCreationOptions.RunContinuationsAsynchronously);
        link.Closed += (_, error) => closed.TrySetResult(error);
        var first = await Task.WhenAny(attached, closed.Task).WaitAsync(timeout, cancellationToken).ConfigureAwait(false);
        if (first == attached)
        {
            var attach = attached.Result;
            var refused = link.Role ? attach.Source is null : attach.Target is null;
            if (!refused)
            {
                return;
            }

            // The broker follows a refusal with a detach that carries the reason.
            await Task.WhenAny(closed.Task, Task.Delay(timeout, cancellationToken)).ConfigureAwait(false);
        }

        var error = closed.Task.IsCompleted ? closed.Task.Result : link.Error;
        var condition = error?.Condition?.ToString() ?? ErrorCode.NotFound;
        var exception = new MessagingException(condition, $"{address}: attach refused: {error?.Description ?? condition}");
        if (TransientErrors.IsTransient(new AmqpException(error ?? new Error(ErrorCode.DetachForced))))
        {
            throw new AmqpException(error ?? new Error(ErrorCode.DetachForced));
        }

        throw exception;
    }

    /// <summary>Closes a session best-effort; if its connection died with it, the manager drops the connection.</summary>
    public static async Task CloseSessionAsync(Session? session, AmqpConnectionManager manager)
    {
        if (session is null)
        {
            return;
        }

        var connection = session.Connection;
        if (!session.IsClosed && !connection.IsClosed)
        {
            try
            {
                await session.CloseAsync(TimeSpan.FromSeconds(2), null).ConfigureAwait(false);
            }
            catch (Exception exception) when (TransientErrors.IsTransient(exception) || exception is AmqpException)
            {
                // Closing a broken session is best effort.
            }
        }

        await Task.Yield();
        if (connection.IsClosed)
        {
            await manager.InvalidateAsync(connection).ConfigureAwait(false);
        }
    }
}
