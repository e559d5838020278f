using Azure.Core;

namespace ClusterFunctions.Azure.Tests.TestSupport;

/// <summary>A credential that hands out a fixed, recognisable token, so tests can check it never leaks.</summary>
internal sealed class FakeArmCredential : TokenCredential
{
    public const string Token = "arm-token-5ecret-7f3a";

    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(Token, DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
