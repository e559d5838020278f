using System.Text;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Json;

namespace ClusterFunctions.Core.Requests;

/// <summary>
/// The one way every route reads a request body (HTTP, queue message, CLI flags): strict JSON through
/// <see cref="StrictJsonParser"/> with <see cref="RequestLimits.Json"/>, then typed fields. Refused:
/// repeated fields, wrong JSON types (<c>"minCount":"0"</c>), unknown or wrongly-cased fields, nesting
/// deeper than 16, oversized bodies and strings, control characters. Every refusal is a
/// <see cref="CatalogProblem"/> with file "request" and the field's path, e.g.
/// <c>overrides.nodePools.gpu.minCount: expected a number, got a string</c>; no input throws.
/// Whether the values make sense for the catalog is <see cref="ClusterRequestValidator"/>'s job.
/// </summary>
public static class ClusterRequestParser
{
    /// <summary>A create, plan or (queue) delete request: requestId, clusterName, profile and optional requestedBy, labels, overrides, ttl.</summary>
    public static (ClusterRequest? Request, IReadOnlyList<CatalogProblem> Problems) Parse(ReadOnlySpan<byte> body) => Read(body, ReadRequest);

    /// <inheritdoc cref="Parse(ReadOnlySpan{byte})"/>
    public static (ClusterRequest? Request, IReadOnlyList<CatalogProblem> Problems) Parse(string body) => Parse(Encoding.UTF8.GetBytes(body ?? ""));

    /// <summary>An approval decision: <c>{"approved": true|false, "comment": "..."}</c>.</summary>
    public static (ApprovalRequest? Request, IReadOnlyList<CatalogProblem> Problems) ParseApproval(ReadOnlySpan<byte> body) => Read(body, root =>
    {
        var approved = root.Boolean("approved", required: true);
        var comment = Comment(root);
        root.RefuseUnknownFields();
        return approved is { } a ? new ApprovalRequest(a, comment) : null;
    });

    /// <summary>A cancellation: <c>{"reason": "..."}</c> (an empty body is read as no reason by the route).</summary>
    public static (CancelRequest? Request, IReadOnlyList<CatalogProblem> Problems) ParseCancel(ReadOnlySpan<byte> body) => Read(body, root =>
    {
        var reason = Text(root, "reason");
        root.RefuseUnknownFields();
        return new CancelRequest(reason);
    });

    /// <summary>An extension of a cluster's expiry: <c>{"by": "4h"}</c>, a duration as <see cref="Ttl"/> reads it.</summary>
    public static (ExtendRequest? Request, IReadOnlyList<CatalogProblem> Problems) ParseExtend(ReadOnlySpan<byte> body) => Read(body, root =>
    {
        var text = root.String("by", required: true);
        root.RefuseUnknownFields();
        var by = Ttl.Parse(text);
        if (text is not null && by is null)
        {
            root.Refuse("by", $"{Ttl.Rule}, got '{(text.Length > 16 ? text[..16] : text)}'");
        }

        return by is { } duration ? new ExtendRequest(duration) : null;
    });

    /// <summary>A profile upgrade: <c>{"waveSize": 2, "dryRun": true}</c>, both optional (one cluster per wave, a real upgrade).</summary>
    public static (UpgradeRequest? Request, IReadOnlyList<CatalogProblem> Problems) ParseUpgrade(ReadOnlySpan<byte> body) => Read(body, root =>
    {
        var waveSize = root.Int32("waveSize", Upgrades.UpgradeWaves.MinSize, Upgrades.UpgradeWaves.MaxSize);
        var dryRun = root.Boolean("dryRun");
        root.RefuseUnknownFields();
        return new UpgradeRequest(waveSize ?? 1, dryRun ?? false);
    });

    /// <summary>An approve or deny queue message: <c>{"clusterName": "...", "comment": "..."}</c>.</summary>
    public static (ClusterDecision? Request, IReadOnlyList<CatalogProblem> Problems) ParseDecision(ReadOnlySpan<byte> body) => Read(body, root =>
    {
        var clusterName = root.String("clusterName", required: true);
        var comment = Comment(root);
        root.RefuseUnknownFields();
        return clusterName is null ? null : new ClusterDecision(clusterName, comment);
    });

    private static (T? Value, IReadOnlyList<CatalogProblem> Problems) Read<T>(ReadOnlySpan<byte> body, Func<JsonObjectReader, T?> read)
        where T : class
    {
        var (node, error) = StrictJsonParser.Parse(body, RequestLimits.Json);
        if (error is not null)
        {
            return (null, [Problem(error)]);
        }

        var errors = new List<JsonFieldError>();
        var value = JsonObjectReader.ForRoot(node, errors) is { } root ? read(root) : null;
        return errors.Count == 0 && value is not null ? (value, []) : (null, errors.Select(Problem).ToList());
    }

    private static ClusterRequest? ReadRequest(JsonObjectReader root)
    {
        var requestId = root.String("requestId", required: true);
        var clusterName = root.String("clusterName", required: true);
        var profile = root.String("profile", required: true);
        var requestedBy = root.String("requestedBy");
        var labels = root.StringMap("labels", RequestLimits.MaxLabels);
        var overrides = root.Object("overrides") is { } o ? ReadOverrides(o) : null;
        var ttl = root.String("ttl");
        root.RefuseUnknownFields();
        return requestId is null || clusterName is null || profile is null
            ? null
            : new ClusterRequest(requestId, clusterName, profile, overrides, requestedBy, labels, ttl);
    }

    private static RequestOverrides ReadOverrides(JsonObjectReader overrides)
    {
        var region = overrides.String("region");
        Dictionary<string, NodePoolBounds>? pools = null;
        var map = overrides.Object("nodePools");
        if (map is not null && map.Count > RequestLimits.MaxPoolOverrides)
        {
            overrides.Refuse("nodePools", $"must have at most {RequestLimits.MaxPoolOverrides} entries, got {map.Count}");
        }
        else if (map is not null)
        {
            pools = new Dictionary<string, NodePoolBounds>(StringComparer.Ordinal);
            foreach (var name in map.Names)
            {
                if (map.Object(name, required: true) is { } bounds)
                {
                    pools[name] = new NodePoolBounds(
                        bounds.Int32("minCount", 0, RequestLimits.MaxPoolCount),
                        bounds.Int32("maxCount", 0, RequestLimits.MaxPoolCount));
                    bounds.RefuseUnknownFields();
                }
            }
        }

        overrides.RefuseUnknownFields();
        return new RequestOverrides(region, pools);
    }

    private static string? Comment(JsonObjectReader root) => Text(root, "comment");

    /// <summary>A free-text field a person writes (a comment, a reason), at most <see cref="RequestLimits.MaxCommentLength"/> characters.</summary>
    private static string? Text(JsonObjectReader root, string name)
    {
        var text = root.String(name);
        if (text is { Length: > RequestLimits.MaxCommentLength })
        {
            // Recorded through the same error list as the parser's own, so the caller sees it with the rest.
            root.Refuse(name, $"must be at most {RequestLimits.MaxCommentLength} characters");
        }

        return text;
    }

    private static CatalogProblem Problem(JsonFieldError error) => new("request", error.Path, error.Message);
}
