using Azure.Core;

namespace ClusterFunctions.Messaging.Tests.Support;

/// <summary>A TokenCredential that hands out a fixed token and records the scopes it was asked for.</summary>
internal sealed class FakeCredential(string token, TimeProvider? time = null, TimeSpan? lifetime = null) : TokenCredential
{
    public List<string> RequestedScopes { get; } = [];

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken)
    {
        RequestedScopes.AddRange(requestContext.Scopes);
        return new AccessToken(token, (time ?? TimeProvider.System).GetUtcNow() + (lifetime ?? TimeSpan.FromHours(1)));
    }

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        ValueTask.FromResult(GetToken(requestContext, cancellationToken));
}
