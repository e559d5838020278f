using Amqp;
using Amqp.Sasl;
using AmqpConnection = Amqp.Connection;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>
/// Owns the one AMQP connection of a client: opens it on demand, authorises entities through
/// <c>$cbs</c> (Service Bus) and replaces it after it breaks. Links get their own session each,
/// because some brokers end a whole session on any link error.
/// </summary>
internal sealed class AmqpConnectionManager : IAsyncDisposable
{
    static readonly TimeSpan TokenRefreshMargin = TimeSpan.FromMinutes(5);
    static readonly TimeSpan TokenRefreshCheck = TimeSpan.FromMinutes(1);

    readonly AmqpMessagingOptions options;
    readonly ServiceBusConnectionString? connectionString;
    readonly Uri endpoint;
    readonly SemaphoreSlim gate = new(1, 1);
    readonly Dictionary<string, DateTimeOffset> authorised = new(StringComparer.OrdinalIgnoreCase);
    readonly CbsTokenSource tokens;
    readonly ITimer? refreshTimer;
    AmqpConnection? connection;
    CbsClient? cbs;
    bool disposed;
    int refreshing;

    public AmqpConnectionManager(AmqpMessagingOptions options)
    {
        this.options = options;
        if (options.ConnectionString is { } text)
        {
            connectionString = ServiceBusConnectionString.Parse(text);
            endpoint = connectionString.AmqpEndpoint;
        }
        else
        {
            endpoint = options.Endpoint ?? throw new ArgumentException("Endpoint or ConnectionString: one is required", nameof(options));
        }

        if (options.Dialect == BrokerDialect.ServiceBus && connectionString is null && options.Credential is null)
        {
            throw new ArgumentException("Credential or ConnectionString: Service Bus needs one to authorise", nameof(options));
        }

        tokens = new CbsTokenSource(connectionString, options.Credential, options);
        if (options.Dialect == BrokerDialect.ServiceBus)
        {
            refreshTimer = options.TimeProvider.CreateTimer(_ => _ = RefreshTokensAsync(), null, TokenRefreshCheck, TokenRefreshCheck);
        }
    }

    public AmqpMessagingOptions Options => options;

    /// <summary>A new session on a live, authorised connection; retries with backoff until the broker answers or the token is cancelled.</summary>
    public async Task<Session> OpenSessionAsync(string entityPath, int maxAttempts, CancellationToken cancellationToken)
    {
        for (var attempt = 0; ; attempt++)
        {
            AmqpConnection? current = null;
            try
            {
                current = await GetConnectionAsync(cancellationToken).ConfigureAwait(false);
                await AuthoriseAsync(current, entityPath, cancellationToken).ConfigureAwait(false);
                return new Session(current);
            }
            catch (Exception exception) when (TransientErrors.IsTransient(exception) && !cancellationToken.IsCancellationRequested && attempt + 1 < maxAttempts)
            {
                if (current is not null)
                {
                    await InvalidateAsync(current).ConfigureAwait(false);
                }

                await Backoff.WaitAsync(attempt, options, cancellationToken).ConfigureAwait(false);
            }
        }
    }

    /// <summary>Drops a broken connection so the next caller opens a new one.</summary>
    public async Task InvalidateAsync(AmqpConnection broken)
    {
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            if (!ReferenceEquals(connection, broken))
            {
                return;
            }

            connection = null;
            cbs = null;
            authorised.Clear();
        }
        finally
        {
            gate.Release();
        }

        await CloseQuietlyAsync(broken).ConfigureAwait(false);
    }

    public async ValueTask DisposeAsync()
    {
        if (refreshTimer is not null)
        {
            await refreshTimer.DisposeAsync().ConfigureAwait(false);
        }

        AmqpConnection? toClose;
        await gate.WaitAsync().ConfigureAwait(false);
        try
        {
            disposed = true;
            toClose = connection;
            connection = null;
        }
        finally
        {
            gate.Release();
        }

        if (toClose is not null)
        {
            await CloseQuietlyAsync(toClose).ConfigureAwait(false);
        }
    }

    async Task<AmqpConnection> GetConnectionAsync(CancellationToken cancellationToken)
    {
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ObjectDisposedException.ThrowIf(disposed, this);
            if (connection is { IsClosed: false })
            {
                return connection;
            }

            var factory = new ConnectionFactory();
            string? user = null, password = null;
            if (options.Dialect == BrokerDialect.ServiceBus)
            {
                factory.SASL.Profile = SaslProfile.Anonymous; // authorisation happens on $cbs
            }
            else if (!string.IsNullOrEmpty(endpoint.UserInfo))
            {
                var parts = endpoint.UserInfo.Split(':', 2);
                user = Uri.UnescapeDataString(parts[0]);
                password = parts.Length > 1 ? Uri.UnescapeDataString(parts[1]) : "";
            }
            else
            {
                factory.SASL.Profile = SaslProfile.Anonymous; // no credentials given: say so, rather than skip SASL
            }

            var port = endpoint.IsDefaultPort || endpoint.Port <= 0 ? (endpoint.Scheme == "amqps" ? 5671 : 5672) : endpoint.Port;
            var address = new Address(endpoint.Host, port, user, password, "/", endpoint.Scheme);
            connection = await factory.CreateAsync(address).WaitAsync(options.OperationTimeout, cancellationToken).ConfigureAwait(false);
            await Task.Yield();
            authorised.Clear();
            cbs = options.Dialect == BrokerDialect.ServiceBus ? new CbsClient(connection, options.OperationTimeout) : null;
            return connection;
        }
        finally
        {
            gate.Release();
        }
    }

    async Task AuthoriseAsync(AmqpConnection current, string entityPath, CancellationToken cancellationToken)
    {
        if (options.Dialect != BrokerDialect.ServiceBus)
        {
            return; // generic brokers authenticate the connection with SASL PLAIN
        }

        CbsClient? client;
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (authorised.TryGetValue(entityPath, out var until) && until - options.TimeProvider.GetUtcNow() > TimeSpan.FromMinutes(1))
            {
                return;
            }

            client = ReferenceEquals(current, connection) ? cbs : null;
        }
        finally
        {
            gate.Release();
        }

        if (client is null)
        {
            throw new ObjectDisposedException(nameof(AmqpConnection), "the connection was replaced while authorising");
        }

        await PutTokenAsync(current, client, entityPath, cancellationToken).ConfigureAwait(false);
    }

    async Task PutTokenAsync(AmqpConnection current, CbsClient client, string entityPath, CancellationToken cancellationToken)
    {
        var audience = $"sb://{endpoint.Host}/{entityPath}";
        var (type, token, expiresAt) = await tokens.GetAsync(audience, cancellationToken).ConfigureAwait(false);
        await client.PutTokenAsync(audience, type, token, cancellationToken).ConfigureAwait(false);
        await gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            if (ReferenceEquals(current, connection))
            {
                authorised[entityPath] = expiresAt;
            }
        }
        finally
        {
            gate.Release();
        }
    }

    /// <summary>
    /// Service Bus detaches links whose token expires, so tokens are put again a few minutes before
    /// they run out; a failure here is left to the next attach, which authorises again.
    /// </summary>
    async Task RefreshTokensAsync()
    {
        if (Interlocked.Exchange(ref refreshing, 1) == 1)
        {
            return;
        }

        try
        {
            AmqpConnection? current;
            CbsClient? client;
            List<string> due;
            await gate.WaitAsync().ConfigureAwait(false);
            try
            {
                var now = options.TimeProvider.GetUtcNow();
                current = connection;
                client = cbs;
                due = authorised.Where(pair => pair.Value - now < TokenRefreshMargin).Select(pair => pair.Key).ToList();
            }
            finally
            {
                gate.Release();
            }

            if (current is null || client is null || current.IsClosed)
            {
                return;
            }

            foreach (var entityPath in due)
            {
                await PutTokenAsync(current, client, entityPath, CancellationToken.None).ConfigureAwait(false);
            }
        }
        catch (Exception)
        {
            // Runs in the background with nobody to tell: whatever failed (network, credential, broker),
            // the next attach on this entity authorises again and reports it.
        }
        finally
        {
            Volatile.Write(ref refreshing, 0);
        }
    }

    static async Task CloseQuietlyAsync(AmqpConnection broken)
    {
        try
        {
            await broken.CloseAsync(TimeSpan.FromSeconds(2)).ConfigureAwait(false);
        }
        catch (Exception exception) when (TransientErrors.IsTransient(exception) || exception is AmqpException)
        {
            // It was already broken; closing is best effort.
        }
    }
}
