using System.Text.Json;
using System.Text.Json.Serialization;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Core.Validation;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Listener;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Turns a queue message into a command by its subject. A create is checked against the catalog as
/// HTTP checks it; a delete names the cluster; approve and deny name the cluster and may comment.
/// </summary>
public sealed class ClusterCommandDecoder(CatalogSource catalog)
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        MaxDepth = RequestLimits.MaxJsonDepth,
        RespectRequiredConstructorParameters = true,
        UnmappedMemberHandling = JsonUnmappedMemberHandling.Disallow,
    };

    public ValidationResult<ClusterCommand> Decode(ReceivedMessage message)
    {
        var kind = message.Subject?.ToLowerInvariant() switch
        {
            "delete" => ClusterCommandKind.Delete,
            "approve" => ClusterCommandKind.Approve,
            "deny" => ClusterCommandKind.Deny,
            _ => ClusterCommandKind.Create,
        };
        switch (kind)
        {
            case ClusterCommandKind.Approve or ClusterCommandKind.Deny:
                return DecodeDecision(message, kind);
            case ClusterCommandKind.Delete:
                var (request, problems) = ClusterRequestParser.Parse(message.Body.Span);
                return request is null
                    ? ValidationResult<ClusterCommand>.Invalid(problems.Select(p => p.ToString()))
                    : ValidationResult<ClusterCommand>.Valid(new ClusterCommand(kind, request, request.ClusterName));
            default:
                var decoded = ClusterRequestDecoder.Create(catalog.Load().Catalog)(message);
                return decoded.IsValid
                    ? ValidationResult<ClusterCommand>.Valid(new ClusterCommand(kind, decoded.Value!, decoded.Value!.ClusterName))
                    : ValidationResult<ClusterCommand>.Invalid(decoded.Errors);
        }
    }

    private static ValidationResult<ClusterCommand> DecodeDecision(ReceivedMessage message, ClusterCommandKind kind)
    {
        ApprovalMessage? decision;
        try
        {
            decision = JsonSerializer.Deserialize<ApprovalMessage>(message.Body.Span, Options);
        }
        catch (JsonException)
        {
            return ValidationResult<ClusterCommand>.Invalid("body: must be a JSON object {\"clusterName\": \"...\", \"comment\": \"...\"}");
        }

        return decision is null || !NameRules.IsClusterName(decision.ClusterName)
            ? ValidationResult<ClusterCommand>.Invalid($"clusterName: {NameRules.ClusterNameRule}")
            : ValidationResult<ClusterCommand>.Valid(new ClusterCommand(kind, null, decision.ClusterName, decision.Comment));
    }
}
