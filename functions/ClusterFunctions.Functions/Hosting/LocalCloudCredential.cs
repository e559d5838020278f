using Azure.Core;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>The bearer token the embedded ARM emulator accepts; used only when the app runs on LocalCloud.</summary>
public sealed class LocalCloudCredential : TokenCredential
{
    public override AccessToken GetToken(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new("localcloud", DateTimeOffset.UtcNow.AddHours(1));

    public override ValueTask<AccessToken> GetTokenAsync(TokenRequestContext requestContext, CancellationToken cancellationToken) =>
        new(GetToken(requestContext, cancellationToken));
}
