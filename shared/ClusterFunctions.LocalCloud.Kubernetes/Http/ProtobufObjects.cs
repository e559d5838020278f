using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// Decodes the protobuf bodies typed kubectl commands send for the simple kinds people create by
/// hand (kubectl create namespace, configmap, secret, serviceaccount, role, rolebinding,
/// clusterrole, clusterrolebinding, deployment): the "k8s\0" runtime.Unknown envelope, ObjectMeta, and
/// each kind's fields. Other kinds are refused with 415.
/// </summary>
internal static class ProtobufObjects
{
    private static readonly byte[] Magic = [(byte)'k', (byte)'8', (byte)'s', 0];

    public static JsonObject Decode(ReadOnlySpan<byte> body, string kind, string contentType)
    {
        if (!body.StartsWith(Magic) || kind is not ("Namespace" or "ConfigMap" or "Secret" or "ServiceAccount"
            or "Role" or "ClusterRole" or "RoleBinding" or "ClusterRoleBinding" or "Deployment"))
        {
            throw StatusErrors.UnsupportedMediaType(contentType);
        }

        var obj = new JsonObject();
        var envelope = new ProtobufReader(body[Magic.Length..]);
        while (envelope.Next(out var field, out _, out var bytes))
        {
            if (field == 1)
            {
                var typeMeta = new ProtobufReader(bytes);
                while (typeMeta.Next(out var f, out _, out var value))
                {
                    obj[f == 1 ? "apiVersion" : "kind"] = Text(value);
                }
            }
            else if (field == 2)
            {
                Fields(bytes, kind, obj);
            }
        }

        return obj;
    }

    private static void Fields(ReadOnlySpan<byte> bytes, string kind, JsonObject obj)
    {
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out var number, out var value))
        {
            switch (kind, field)
            {
                case (_, 1):
                    obj["metadata"] = Metadata(value);
                    break;
                case ("ConfigMap", 2):
                case ("Secret", 4):
                    AddEntry(obj, field == 2 ? "data" : "stringData", value, base64: false);
                    break;
                case ("ConfigMap", 3):
                case ("Secret", 2):
                    AddEntry(obj, field == 3 ? "binaryData" : "data", value, base64: true);
                    break;
                case ("Secret", 3):
                    obj["type"] = Text(value);
                    break;
                case ("ConfigMap", 4):
                case ("Secret", 5):
                    obj["immutable"] = number != 0;
                    break;
                case ("ServiceAccount", 4):
                    obj["automountServiceAccountToken"] = number != 0;
                    break;
                case ("Role" or "ClusterRole", 2):
                    Append(obj, "rules", Message(value, ["verbs", "apiGroups", "resources", "resourceNames", "nonResourceURLs"], repeated: true));
                    break;
                case ("RoleBinding" or "ClusterRoleBinding", 2):
                    Append(obj, "subjects", Message(value, ["kind", "apiGroup", "name", "namespace"], repeated: false));
                    break;
                case ("RoleBinding" or "ClusterRoleBinding", 3):
                    obj["roleRef"] = Message(value, ["apiGroup", "kind", "name"], repeated: false);
                    break;
                case ("Deployment", 2):
                    obj["spec"] = ProtobufDeployment.Spec(value);
                    break;
            }
        }
    }

    internal static JsonObject Metadata(ReadOnlySpan<byte> bytes)
    {
        var metadata = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            switch (field)
            {
                case 1:
                    metadata["name"] = Text(value);
                    break;
                case 2:
                    metadata["generateName"] = Text(value);
                    break;
                case 3:
                    metadata["namespace"] = Text(value);
                    break;
                case 11:
                    AddEntry(metadata, "labels", value, base64: false);
                    break;
                case 12:
                    AddEntry(metadata, "annotations", value, base64: false);
                    break;
            }
        }

        return metadata;
    }

    /// <summary>A message of string fields numbered 1..n, as lists of strings when <paramref name="repeated"/>.</summary>
    private static JsonObject Message(ReadOnlySpan<byte> bytes, string[] names, bool repeated)
    {
        var result = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            if (field < 1 || field > names.Length)
            {
                continue;
            }

            if (repeated)
            {
                Append(result, names[field - 1], JsonValue.Create(Text(value)));
            }
            else
            {
                result[names[field - 1]] = Text(value);
            }
        }

        return result;
    }

    internal static void Append(JsonObject target, string name, JsonNode item)
    {
        if (target[name] is not JsonArray list)
        {
            list = new JsonArray();
            target[name] = list;
        }

        list.Add(item);
    }

    /// <summary>Adds one protobuf map entry (key = 1, value = 2) to the named map of <paramref name="target"/>.</summary>
    internal static void AddEntry(JsonObject target, string name, ReadOnlySpan<byte> entry, bool base64)
    {
        if (target[name] is not JsonObject map)
        {
            map = new JsonObject();
            target[name] = map;
        }

        string? key = null;
        var value = "";
        var reader = new ProtobufReader(entry);
        while (reader.Next(out var field, out _, out var bytes))
        {
            if (field == 1)
            {
                key = Text(bytes);
            }
            else if (field == 2)
            {
                value = base64 ? Convert.ToBase64String(bytes) : Text(bytes);
            }
        }

        if (key is not null)
        {
            map[key] = value;
        }
    }

    internal static string Text(ReadOnlySpan<byte> bytes) => Encoding.UTF8.GetString(bytes);
}
