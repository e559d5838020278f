using System.Text.Json;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Catalog;
using ClusterFunctions.Functions.Rollout;
using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>POST /api/catalog/webhook</c>: GitHub's push webhook. Open to anyone at the Functions level (GitHub sends no
/// function key), so the body must carry the signature made with Catalog:Git:WebhookSecret. A push to the followed
/// ref refreshes the catalog now and starts the upgrades of the profiles whose rollout is auto and whose clusters the
/// new commit left behind; the answer says which commit is in force, which upgrades started and, when the pushed
/// commit was refused, why.
/// </summary>
public sealed class CatalogWebhookHttpTrigger(CatalogSource catalog, CatalogRollouts rollouts, IOptions<GitCatalogOptions> options, ILogger<CatalogWebhookHttpTrigger> logger)
{
    // Push payloads list the commits; GitHub caps them at 25 MB, ours are far smaller.
    private const int MaxBodyBytes = 5 * 1024 * 1024;

    [Function(nameof(CatalogWebhookHttpTrigger))]
    public Task<IResult> RunFunction([HttpTrigger(AuthorizationLevel.Anonymous, "post", Route = "catalog/webhook")] HttpRequest request,
        [DurableClient] DurableTaskClient durableClient) =>
        RunAsync(request, request.HttpContext.RequestAborted);

    public async Task<IResult> RunAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        var git = options.Value;
        if (!git.Enabled)
        {
            return HttpProblems.Error(StatusCodes.Status404NotFound, $"the catalog is a folder; set {GitCatalogOptions.Section}:Url to follow a repository");
        }

        if (string.IsNullOrEmpty(git.WebhookSecret))
        {
            return HttpProblems.Error(StatusCodes.Status404NotFound, $"{GitCatalogOptions.Section}:WebhookSecret is not set, so the webhook is off (the poll still follows '{git.Ref}')");
        }

        if (await ReadBodyAsync(request, cancellationToken) is not { } body)
        {
            return HttpProblems.Error(StatusCodes.Status413PayloadTooLarge, $"body is larger than {MaxBodyBytes} bytes");
        }
        if (!WebhookSignature.IsValid(body, git.WebhookSecret, request.Headers[WebhookSignature.Header].FirstOrDefault()))
        {
            return HttpProblems.Error(StatusCodes.Status401Unauthorized,
                $"the {WebhookSignature.Header} header is missing or is not the body's HMAC-SHA256 with the webhook secret ({GitCatalogOptions.Section}:WebhookSecret)");
        }

        var gitHubEvent = request.Headers["X-GitHub-Event"].FirstOrDefault();
        if (gitHubEvent is not null && gitHubEvent != "push")
        {
            return Results.Json(new { status = $"ignored: not a push ({gitHubEvent})" }, statusCode: StatusCodes.Status202Accepted);
        }

        if (PushedRef(body) is { } pushed && !CatalogRefs.Matches(pushed, git.Ref))
        {
            return Results.Json(new { status = $"ignored: not {git.Ref}" }, statusCode: StatusCodes.Status202Accepted);
        }

        CatalogRefreshResult result;
        try
        {
            result = await catalog.RefreshAsync(cancellationToken);
        }
        catch (GitCommandException e)
        {
            logger.LogWarning("Catalog refresh on a push failed; commit {Revision} stays in force: {Error}", catalog.Revision, e.Message);
            return HttpProblems.Error(StatusCodes.Status502BadGateway, $"could not fetch the catalog repository; commit {catalog.Revision} stays in force: {e.Message}");
        }

        return Results.Ok(new
        {
            status = result.Refused is null ? "in force" : "refused",
            revision = result.Revision,
            head = result.Head,
            refused = CatalogViews.Refusal(result.Refused),
            upgradesStarted = await rollouts.StartDueAsync(cancellationToken),
        });
    }

    /// <summary>The raw body (the signature covers its exact bytes), refused past the limit before it is all buffered.</summary>
    private static async Task<byte[]?> ReadBodyAsync(HttpRequest request, CancellationToken cancellationToken)
    {
        if (request.ContentLength > MaxBodyBytes)
        {
            return null;
        }

        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = await request.Body.ReadAsync(chunk, cancellationToken)) > 0)
        {
            if (buffer.Length + read > MaxBodyBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private static string? PushedRef(byte[] body)
    {
        try
        {
            using var document = JsonDocument.Parse(body);
            return document.RootElement.ValueKind == JsonValueKind.Object && document.RootElement.TryGetProperty("ref", out var pushed) && pushed.ValueKind == JsonValueKind.String
                ? pushed.GetString()
                : null;
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
