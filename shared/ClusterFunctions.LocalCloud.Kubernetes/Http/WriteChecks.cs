using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>The request checks and object normalisations every write path shares, worded as kube-apiserver words them.</summary>
internal static class WriteChecks
{
    /// <summary>Secret.stringData is write-only: kube-apiserver folds it into data (base64) before storing.</summary>
    public static void MoveStringData(JsonObject secret)
    {
        if (secret["stringData"] is not JsonObject stringData)
        {
            return;
        }

        var data = secret["data"] as JsonObject ?? [];
        foreach (var (key, value) in stringData)
        {
            data[key] = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(value?.GetValue<string>() ?? ""));
        }

        secret["data"] = data;
        secret.Remove("stringData");
    }

    public static void CheckKind(ResourceType type, JsonObject body, bool required)
    {
        var kind = body["kind"]?.GetValue<string>();
        var apiVersion = body["apiVersion"]?.GetValue<string>();
        if (required && string.IsNullOrEmpty(kind))
        {
            throw StatusErrors.BadRequest($"Object 'Kind' is missing in '{HttpJson.Serialize(body)}'");
        }

        if (!string.IsNullOrEmpty(kind) && kind != type.Kind)
        {
            throw StatusErrors.BadRequest($"the kind in the request body ({kind}) does not match the resource of the URL ({type.Kind})");
        }

        if ((required || !string.IsNullOrEmpty(apiVersion)) && apiVersion != type.GroupVersion)
        {
            throw StatusErrors.BadRequest($"the API version in the data ({apiVersion}) does not match the expected API version ({type.GroupVersion})");
        }
    }

    public static void CheckName(ResourcePath path, JsonObject metadata)
    {
        var name = metadata["name"]?.GetValue<string>();
        if (name != path.Name)
        {
            throw StatusErrors.BadRequest($"the name of the object ({name}) does not match the name on the URL ({path.Name})");
        }
    }

    public static void SetNamespace(ResourcePath path, JsonObject metadata)
    {
        var ns = metadata["namespace"]?.GetValue<string>();
        if (!path.Type.Namespaced)
        {
            metadata.Remove("namespace");
            return;
        }

        if (!string.IsNullOrEmpty(ns) && ns != path.Namespace)
        {
            throw StatusErrors.BadRequest("the namespace of the provided object does not match the namespace sent on the request");
        }

        metadata["namespace"] = path.Namespace;
    }

    public static void CheckResourceVersion(ResourceType type, string name, JsonObject metadata, JsonObject live)
    {
        var expected = metadata["resourceVersion"]?.GetValue<string>();
        if (!string.IsNullOrEmpty(expected) && expected != live["metadata"]?["resourceVersion"]?.GetValue<string>())
        {
            throw StatusErrors.Modified(type, name);
        }
    }

    public static JsonObject Metadata(JsonObject obj)
    {
        if (obj["metadata"] is not JsonObject metadata)
        {
            metadata = new JsonObject();
            obj["metadata"] = metadata;
        }

        return metadata;
    }

    public static JsonObject WithoutMetadataAndStatus(JsonObject obj)
    {
        var copy = (JsonObject)obj.DeepClone();
        copy.Remove("metadata");
        copy.Remove("status");
        return copy;
    }
}
