using Azure.Core;

namespace ClusterFunctions.Messaging.Amqp;

/// <summary>Makes the tokens put on <c>$cbs</c>: SAS tokens from a connection string's key, or Entra ID tokens from a TokenCredential.</summary>
internal sealed class CbsTokenSource(ServiceBusConnectionString? connectionString, TokenCredential? credential, AmqpMessagingOptions options)
{
    const string ServiceBusScope = "https://servicebus.azure.net/.default";

    public async Task<(string Type, string Token, DateTimeOffset ExpiresAt)> GetAsync(string audience, CancellationToken cancellationToken)
    {
        if (connectionString is not null)
        {
            var expiresAt = options.TimeProvider.GetUtcNow() + options.TokenLifetime;
            return ("servicebus.windows.net:sastoken", SharedAccessSignature.Create(audience, connectionString.KeyName, connectionString.Key, expiresAt), expiresAt);
        }

        var accessToken = await credential!.GetTokenAsync(new TokenRequestContext([ServiceBusScope]), cancellationToken).ConfigureAwait(false);
        return ("jwt", accessToken.Token, accessToken.ExpiresOn);
    }
}
