using ClusterFunctions.Core.Requests;
using ClusterFunctions.Core.Validation;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Turns a queue message into a command by its subject. A create is checked against the catalog as
/// HTTP checks it; a delete names the cluster; approve and deny name the cluster and may comment.
/// </summary>
public sealed class ClusterCommandDecoder(CatalogSource catalog)
{
    /// <summary>The dead-letter reason for a message that is not a valid command.</summary>
    public const string ValidationFailed = "ValidationFailed";

    /// <summary>Bodies larger than this are refused unread (a request is a few hundred bytes).</summary>
    public const int MaxBodyBytes = 64 * 1024;

    public DecodedCommand Decode(string? subject, string? contentType, ReadOnlyMemory<byte> body)
    {
        if (contentType is { Length: > 0 } type && !type.StartsWith("application/json", StringComparison.OrdinalIgnoreCase))
        {
            return DecodedCommand.Invalid("UnsupportedContentType", [$"contentType: must be application/json (got '{type}')"]);
        }

        if (body.Length > MaxBodyBytes)
        {
            return DecodedCommand.Invalid("BodyTooLarge", [$"body: {body.Length} bytes exceeds the limit of {MaxBodyBytes} bytes"]);
        }

        var kind = subject?.ToLowerInvariant() switch
        {
            "delete" => ClusterCommandKind.Delete,
            "approve" => ClusterCommandKind.Approve,
            "deny" => ClusterCommandKind.Deny,
            _ => ClusterCommandKind.Create,
        };
        return kind switch
        {
            ClusterCommandKind.Approve or ClusterCommandKind.Deny => DecodeDecision(body, kind),
            ClusterCommandKind.Delete => DecodeDelete(body),
            _ => DecodeCreate(body),
        };
    }

    private static DecodedCommand DecodeDelete(ReadOnlyMemory<byte> body)
    {
        var (request, problems) = ClusterRequestParser.Parse(body.Span);
        return request is null
            ? DecodedCommand.Invalid(ValidationFailed, problems.Select(Describe))
            : DecodedCommand.Valid(new ClusterCommand(ClusterCommandKind.Delete, request, request.ClusterName));
    }

    private DecodedCommand DecodeCreate(ReadOnlyMemory<byte> body)
    {
        // Core's parser and validator, so queue and HTTP refuse the same requests with the same words.
        var (request, problems) = ClusterRequestParser.Parse(body.Span);
        if (request is null)
        {
            return DecodedCommand.Invalid(ValidationFailed, problems.Select(Describe));
        }

        var errors = ClusterRequestValidator.Validate(request, catalog.Load().Catalog);
        return errors.Count == 0
            ? DecodedCommand.Valid(new ClusterCommand(ClusterCommandKind.Create, request, request.ClusterName))
            : DecodedCommand.Invalid(ValidationFailed, errors.Select(Describe));
    }

    private static string Describe(CatalogProblem problem) =>
        problem.Path.Length == 0 ? problem.Message : $"{problem.Path}: {problem.Message}";

    private static DecodedCommand DecodeDecision(ReadOnlyMemory<byte> body, ClusterCommandKind kind)
    {
        var (decision, problems) = ClusterRequestParser.ParseDecision(body.Span);
        if (decision is null)
        {
            return DecodedCommand.Invalid(ValidationFailed, problems.Select(Describe));
        }

        return NameRules.IsClusterName(decision.ClusterName)
            ? DecodedCommand.Valid(new ClusterCommand(kind, null, decision.ClusterName, decision.Comment))
            : DecodedCommand.Invalid(ValidationFailed, [$"clusterName: {NameRules.ClusterNameRule}"]);
    }
}
