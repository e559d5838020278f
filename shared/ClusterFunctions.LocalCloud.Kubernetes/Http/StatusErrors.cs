using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>Builds metav1.Status failures worded as kube-apiserver words them, so clients parse them as they would.</summary>
internal static class StatusErrors
{
    public static JsonObject Status(int code, string reason, string message, JsonObject? details = null)
    {
        var status = new JsonObject
        {
            ["kind"] = "Status",
            ["apiVersion"] = "v1",
            ["metadata"] = new JsonObject(),
            ["status"] = code < 300 ? "Success" : "Failure",
            ["message"] = message,
            ["reason"] = reason,
            ["code"] = code,
        };
        if (details is not null)
        {
            status["details"] = details;
        }

        if (reason.Length == 0)
        {
            status.Remove("reason");
        }

        return status;
    }

    public static JsonObject Details(ResourceType type, string? name) => new()
    {
        ["name"] = name,
        ["group"] = type.Group,
        ["kind"] = type.Plural,
    };

    public static ApiException NotFound(ResourceType type, string name) =>
        new(404, Status(404, "NotFound", $"{type.QualifiedName} \"{name}\" not found", Details(type, name)));

    public static ApiException NamespaceNotFound(string ns) =>
        new(404, Status(404, "NotFound", $"namespaces \"{ns}\" not found", Details(ResourceTypes.Namespaces, ns)));

    public static ApiException PathNotFound(string path) =>
        new(404, Status(404, "NotFound", $"the server could not find the requested resource ({path})"));

    public static ApiException AlreadyExists(ResourceType type, string name) =>
        new(409, Status(409, "AlreadyExists", $"{type.QualifiedName} \"{name}\" already exists", Details(type, name)));

    public static ApiException Modified(ResourceType type, string name) =>
        new(409, Status(409, "Conflict",
            $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": the object has been modified; please apply your changes to the latest version and try again",
            Details(type, name)));

    public static ApiException PreconditionFailed(ResourceType type, string name, string detail) =>
        new(409, Status(409, "Conflict", $"Operation cannot be fulfilled on {type.QualifiedName} \"{name}\": Precondition failed: {detail}", Details(type, name)));

    public static ApiException BadRequest(string message) => new(400, Status(400, "BadRequest", message));

    public static ApiException Invalid(ResourceType type, string name, string field, string message)
    {
        var details = Details(type, name);
        details["kind"] = type.Kind;
        details["causes"] = new JsonArray(new JsonObject { ["reason"] = "FieldValueInvalid", ["message"] = message, ["field"] = field });
        return new(422, Status(422, "Invalid", $"{type.Kind}{(type.Group.Length == 0 ? "" : "." + type.Group)} \"{name}\" is invalid: {field}: {message}", details));
    }

    public static ApiException Forbidden(ResourceType type, string? name, string message) =>
        new(403, Status(403, "Forbidden",
            name is null ? $"{type.QualifiedName} is forbidden: {message}" : $"{type.QualifiedName} \"{name}\" is forbidden: {message}",
            Details(type, name)));

    public static ApiException MethodNotAllowed(string method) =>
        new(405, Status(405, "MethodNotAllowed", $"the server does not allow this method on the requested resource ({method})"));

    public static ApiException UnsupportedMediaType(string contentType) =>
        new(415, Status(415, "UnsupportedMediaType", $"the body of the request was in an unknown format - accepted media types include: application/json, application/json-patch+json, application/merge-patch+json, application/strategic-merge-patch+json, application/apply-patch+yaml (got \"{contentType}\")"));
}
