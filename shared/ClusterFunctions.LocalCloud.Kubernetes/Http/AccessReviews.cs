using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Auth;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>SubjectAccessReview and SelfSubjectAccessReview: RBAC answers for a given or the calling identity.</summary>
internal sealed class AccessReviews(RbacAuthorizer authorizer)
{
    public JsonObject Review(string kind, JsonObject body, EmulatorIdentity caller)
    {
        if (kind == "SelfSubjectRulesReview")
        {
            return RulesReview(body, caller);
        }

        var spec = body["spec"] as JsonObject ?? throw StatusErrors.BadRequest($"{kind}.spec is required");
        var subject = kind == "SelfSubjectAccessReview"
            ? caller
            : new EmulatorIdentity(
                spec["user"]?.GetValue<string>() ?? "",
                (spec["groups"] as JsonArray ?? []).Select(g => g?.GetValue<string>() ?? "").ToList());
        var result = new JsonObject
        {
            ["kind"] = kind,
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = spec.DeepClone(),
        };
        if (spec["resourceAttributes"] is not JsonObject attributes)
        {
            // Non-resource URLs (/healthz, /version ...) are open to every authenticated user here.
            result["status"] = new JsonObject { ["allowed"] = true, ["reason"] = "non-resource URLs are open to authenticated users" };
            return result;
        }

        var request = new ResourceAttributes(
            attributes["verb"]?.GetValue<string>() ?? "",
            attributes["group"]?.GetValue<string>() ?? "",
            attributes["resource"]?.GetValue<string>() ?? "",
            string.IsNullOrEmpty(attributes["subresource"]?.GetValue<string>()) ? null : attributes["subresource"]!.GetValue<string>(),
            attributes["namespace"]?.GetValue<string>(),
            string.IsNullOrEmpty(attributes["name"]?.GetValue<string>()) ? null : attributes["name"]!.GetValue<string>());
        var decision = authorizer.Authorize(subject, request);
        var status = new JsonObject { ["allowed"] = decision.Allowed };
        if (decision.Reason.Length > 0)
        {
            status["reason"] = decision.Reason;
        }

        result["status"] = status;
        return result;
    }

    private JsonObject RulesReview(JsonObject body, EmulatorIdentity caller)
    {
        var ns = body["spec"]?["namespace"]?.GetValue<string>() ?? "default";
        return new JsonObject
        {
            ["kind"] = "SelfSubjectRulesReview",
            ["apiVersion"] = "authorization.k8s.io/v1",
            ["metadata"] = new JsonObject { ["creationTimestamp"] = null },
            ["spec"] = new JsonObject { ["namespace"] = ns },
            ["status"] = new JsonObject
            {
                ["resourceRules"] = new JsonArray([.. authorizer.RulesFor(caller, ns)]),
                ["nonResourceRules"] = new JsonArray(),
                ["incomplete"] = false,
            },
        };
    }
}
