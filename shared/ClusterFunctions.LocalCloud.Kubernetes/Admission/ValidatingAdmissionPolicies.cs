using System.Collections.Concurrent;
using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;
using ClusterFunctions.LocalCloud.Kubernetes.Http;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;

namespace ClusterFunctions.LocalCloud.Kubernetes.Admission;

/// <summary>
/// Enforces the stored ValidatingAdmissionPolicies through their bindings: match constraints,
/// match conditions, variables and validations in CEL, failurePolicy, and the Deny action, refusing
/// with kube-apiserver's wording ("ValidatingAdmissionPolicy 'p' with binding 'b' denied request: ...").
/// </summary>
internal sealed class ValidatingAdmissionPolicies(ObjectStore store)
{
    private static readonly ResourceType Policies = ResourceTypes.FindByKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicy")!;
    private static readonly ResourceType Bindings = ResourceTypes.FindByKind("admissionregistration.k8s.io", "ValidatingAdmissionPolicyBinding")!;
    private readonly ConcurrentDictionary<string, CelNode> _compiled = new();

    /// <summary>Throws the refusal when a binding with the Deny action rejects the request.</summary>
    public void Admit(AdmissionRequest request)
    {
        foreach (var binding in store.List(Bindings, null).Items)
        {
            var spec = binding["spec"] as JsonObject ?? [];
            var policy = store.Get(Policies, null, spec["policyName"]?.GetValue<string>() ?? "");
            var actions = (spec["validationActions"] as JsonArray ?? []).Select(a => a?.GetValue<string>()).ToList();
            if (policy is null || !actions.Contains("Deny"))
            {
                continue;
            }

            var policySpec = policy["spec"] as JsonObject ?? [];
            if (!ResourceRuleMatcher.Matches(policySpec["matchConstraints"] as JsonObject, request, store)
                || !ResourceRuleMatcher.Matches(spec["matchResources"] as JsonObject, request, store))
            {
                continue;
            }

            if (Evaluate(policySpec, request) is { } denial)
            {
                throw Refusal(request, Name(policy), Name(binding), denial.Message, denial.Reason);
            }
        }
    }

    private (string Message, string Reason)? Evaluate(JsonObject spec, AdmissionRequest request)
    {
        var failClosed = spec["failurePolicy"]?.GetValue<string>() != "Ignore";
        var context = Variables(spec, request);
        foreach (var condition in (spec["matchConditions"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var expression = condition["expression"]?.GetValue<string>() ?? "";
            try
            {
                if (Run(expression, context) is false)
                {
                    return null;
                }
            }
            catch (CelException e)
            {
                return failClosed ? ($"expression '{expression}' resulted in error: {e.Message}", "Invalid") : null;
            }
        }

        foreach (var validation in (spec["validations"] as JsonArray ?? []).OfType<JsonObject>())
        {
            var expression = validation["expression"]?.GetValue<string>() ?? "";
            var reason = validation["reason"]?.GetValue<string>() ?? "Invalid";
            try
            {
                if (Run(expression, context) is true)
                {
                    continue;
                }

                return (Message(validation, expression, context), reason);
            }
            catch (CelException e)
            {
                if (failClosed)
                {
                    return ($"expression '{expression}' resulted in error: {e.Message}", reason);
                }
            }
        }

        return null;
    }

    private string Message(JsonObject validation, string expression, Dictionary<string, object?> context)
    {
        if (validation["messageExpression"]?.GetValue<string>() is { } messageExpression)
        {
            try
            {
                if (Run(messageExpression, context) is string computed && computed.Length > 0)
                {
                    return computed;
                }
            }
            catch (CelException)
            {
                // kube-apiserver falls back to the static message when messageExpression fails.
            }
        }

        return validation["message"]?.GetValue<string>() ?? $"failed expression: {expression}";
    }

    private Dictionary<string, object?> Variables(JsonObject spec, AdmissionRequest request)
    {
        var user = request.User;
        var requestObject = new JsonObject
        {
            ["operation"] = request.Operation,
            ["name"] = request.Name,
            ["namespace"] = request.Namespace ?? "",
            ["dryRun"] = request.DryRun,
            ["kind"] = new JsonObject { ["group"] = request.Type.Group, ["version"] = request.Type.Version, ["kind"] = request.Type.Kind },
            ["resource"] = new JsonObject { ["group"] = request.Type.Group, ["version"] = request.Type.Version, ["resource"] = request.Type.Plural },
            ["userInfo"] = new JsonObject { ["username"] = user.UserName, ["groups"] = new JsonArray([.. user.Groups.Select(g => (JsonNode?)g)]) },
        };
        var namespaceObject = request.Namespace is null ? null : store.Get(ResourceTypes.Namespaces, null, request.Namespace);
        var variables = new JsonObject();
        var context = new Dictionary<string, object?>
        {
            ["object"] = request.Object,
            ["oldObject"] = request.OldObject,
            ["request"] = requestObject,
            ["params"] = null,
            ["namespaceObject"] = namespaceObject,
            ["variables"] = variables,
        };
        foreach (var variable in (spec["variables"] as JsonArray ?? []).OfType<JsonObject>())
        {
            try
            {
                variables[variable["name"]?.GetValue<string>() ?? ""] = JsonSerializer.SerializeToNode(Run(variable["expression"]?.GetValue<string>() ?? "", context));
            }
            catch (CelException)
            {
                // An erroring variable stays undefined; an expression that uses it then errors ("no such key").
            }
        }

        return context;
    }

    private object? Run(string expression, Dictionary<string, object?> context) =>
        new CelEvaluator(context).Evaluate(_compiled.GetOrAdd(expression, CelParser.Parse));

    private static ApiException Refusal(AdmissionRequest request, string policy, string binding, string message, string reason)
    {
        var full = $"ValidatingAdmissionPolicy '{policy}' with binding '{binding}' denied request: {message}";
        var code = reason switch { "Forbidden" => 403, "Unauthorized" => 401, "RequestEntityTooLarge" => 413, _ => 422 };
        var details = StatusErrors.Details(request.Type, request.Name);
        details["causes"] = new JsonArray(new JsonObject { ["message"] = full });
        var text = $"{request.Type.QualifiedName} \"{request.Name}\" is forbidden: {full}";
        return new ApiException(code, StatusErrors.Status(code, reason, text, details));
    }

    private static string Name(JsonObject obj) => obj["metadata"]?["name"]?.GetValue<string>() ?? "";
}
