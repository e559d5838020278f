using System.Text.Json.Nodes;
using ClusterFunctions.Core.Validation;

namespace ClusterFunctions.Core.Requests;

/// <summary>
/// The JSON Schema (draft 2020-12) of a create request, built from the same limits and naming rules
/// the validator enforces, so the documented contract cannot drift from the checked one. Served at
/// <c>/api/schema</c> and checked in as infra/schema/cluster-request.schema.json.
/// </summary>
public static class ClusterRequestSchema
{
    public const string Id = "https://clusterfunctions.dev/schemas/cluster-request.schema.json";

    public static JsonObject Build() => new()
    {
        ["$schema"] = "https://json-schema.org/draft/2020-12/schema",
        ["$id"] = Id,
        ["title"] = "ClusterFunctions create request",
        ["description"] = "Body of POST /api/clusters and POST /api/plans, and of a message on the cluster-requests queue (subject empty or 'create'; subject 'delete' deletes the named cluster). Field names are case-sensitive; unknown fields, duplicate keys and values of the wrong JSON type are refused with an error naming the field.",
        ["type"] = "object",
        ["required"] = new JsonArray("requestId", "clusterName", "profile"),
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["requestId"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Idempotency key chosen by the caller. Sending the same requestId again (a retry, a redelivered message) returns the same build instead of starting another; a requestId belongs to one cluster.",
                ["minLength"] = 1,
                ["maxLength"] = RequestLimits.MaxRequestIdLength,
                ["pattern"] = "^[A-Za-z0-9][A-Za-z0-9._:-]*$",
            },
            ["clusterName"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Name of the AKS cluster and of the build; lowercase so it can also label Kubernetes objects.",
                ["pattern"] = "^[a-z][a-z0-9-]{0,61}[a-z0-9]$",
            },
            ["profile"] = new JsonObject
            {
                ["type"] = "string",
                ["description"] = "Catalog profile the cluster is built from (GET /api/profiles lists them): developer, testing or production in the shipped catalog.",
                ["minLength"] = 1,
            },
            ["overrides"] = Overrides(),
            ["ttl"] = new JsonObject
            {
                ["type"] = new JsonArray("string", "null"),
                ["description"] = "How long the cluster lives once Ready, e.g. 30m, 8h, 2d (s, m, h or d; 1s to 365d). A warning event (io.clusterfunctions.cluster.expiring) goes out before it expires, then it is deleted; ./cluster extend or POST /api/clusters/{name}/extend pushes it back. Defaults to the profile's ttl, which is also the most a request may ask for; without either the cluster lives until deleted.",
                ["pattern"] = "^[0-9]{1,8}[smhd]$",
            },
            ["requestedBy"] = new JsonObject
            {
                ["type"] = new JsonArray("string", "null"),
                ["description"] = "Recorded requester. Ignored when sent: the trigger sets it from the authenticated caller (the function key's name or the Entra ID principal), so nobody can build in someone else's name.",
                ["maxLength"] = RequestLimits.MaxRequestedByLength,
            },
            ["labels"] = new JsonObject
            {
                ["type"] = new JsonArray("object", "null"),
                ["description"] = "Free-form labels carried into Azure tags, Kubernetes labels and events.",
                ["maxProperties"] = RequestLimits.MaxLabels,
                ["propertyNames"] = new JsonObject { ["maxLength"] = 63, ["pattern"] = "^[a-z0-9]([-a-z0-9]*[a-z0-9])?$" },
                ["additionalProperties"] = new JsonObject
                {
                    ["type"] = "string",
                    ["maxLength"] = RequestLimits.MaxLabelValueLength,
                    ["pattern"] = "^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$",
                },
            },
        },
        ["examples"] = new JsonArray(HttpExample(), QueueExample()),
    };

    /// <summary>A production request as an HTTP body: region and GPU pool bounds changed from the profile.</summary>
    public static JsonObject HttpExample() => new()
    {
        ["requestId"] = "team-ml-2026-12-03-01",
        ["clusterName"] = "ml-prod-01",
        ["profile"] = "production",
        ["overrides"] = new JsonObject
        {
            ["region"] = "southindia",
            ["nodePools"] = new JsonObject { ["gpu"] = new JsonObject { ["minCount"] = 0, ["maxCount"] = 10 } },
        },
        ["labels"] = new JsonObject { ["team"] = "ml", ["cost-center"] = "cc-1042" },
    };

    /// <summary>A developer request as a queue message body (subject empty or "create").</summary>
    public static JsonObject QueueExample() => new()
    {
        ["requestId"] = "ci-run-8812",
        ["clusterName"] = "dev-alice",
        ["profile"] = "developer",
    };

    private static JsonObject Overrides() => new()
    {
        ["type"] = new JsonArray("object", "null"),
        ["description"] = "What this request changes from its profile; everything else comes from the profile.",
        ["additionalProperties"] = false,
        ["properties"] = new JsonObject
        {
            ["region"] = new JsonObject
            {
                ["type"] = new JsonArray("string", "null"),
                ["description"] = "Azure region instead of the profile's own; it must also be one of the profile's allowed regions.",
                ["enum"] = new JsonArray([.. AzureRegions.Known.Select(r => (JsonNode)r), null]),
            },
            ["nodePools"] = new JsonObject
            {
                ["type"] = new JsonArray("object", "null"),
                ["description"] = "Autoscaler bounds by node pool name (the profile's pools, e.g. system, gpu); a bound left out keeps the profile's value. Each pool scales between minCount and maxCount nodes.",
                ["maxProperties"] = RequestLimits.MaxPoolOverrides,
                ["propertyNames"] = new JsonObject { ["pattern"] = "^[a-z][a-z0-9]{0,11}$" },
                ["additionalProperties"] = new JsonObject
                {
                    ["type"] = "object",
                    ["additionalProperties"] = false,
                    ["properties"] = new JsonObject
                    {
                        ["minCount"] = Count("Fewest nodes the autoscaler keeps (0 lets a GPU pool scale to zero)."),
                        ["maxCount"] = Count("Most nodes the autoscaler may add; at least minCount."),
                    },
                },
            },
        },
    };

    private static JsonObject Count(string description) => new()
    {
        ["type"] = new JsonArray("integer", "null"),
        ["description"] = description,
        ["minimum"] = 0,
        ["maximum"] = RequestLimits.MaxPoolCount,
    };
}
