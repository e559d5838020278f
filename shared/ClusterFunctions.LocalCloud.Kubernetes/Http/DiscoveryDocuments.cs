using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>The discovery documents kubectl and generic clients read: /version, /api, /apis and the resource lists.</summary>
internal static class DiscoveryDocuments
{
    private static readonly string[] ObjectVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"];

    /// <summary>Returns the document for a discovery path, or null when the path is not one.</summary>
    public static JsonObject? For(string path, string serverAddress)
    {
        var trimmed = "/" + path.Trim('/');
        var segments = trimmed.Split('/', StringSplitOptions.RemoveEmptyEntries);
        return segments switch
        {
            ["version"] => new JsonObject
            {
                ["major"] = "1", ["minor"] = "32", ["gitVersion"] = "v1.32.0-clusterfunctions-emulator",
                ["gitCommit"] = "emulator", ["gitTreeState"] = "clean", ["buildDate"] = "2026-01-01T00:00:00Z",
                ["goVersion"] = "n/a", ["compiler"] = "n/a", ["platform"] = "linux/amd64",
            },
            ["api"] => new JsonObject
            {
                ["kind"] = "APIVersions",
                ["versions"] = new JsonArray("v1"),
                ["serverAddressByClientCIDRs"] = new JsonArray(new JsonObject { ["clientCIDR"] = "0.0.0.0/0", ["serverAddress"] = serverAddress }),
            },
            ["apis"] => new JsonObject
            {
                ["kind"] = "APIGroupList",
                ["apiVersion"] = "v1",
                ["groups"] = new JsonArray([.. ResourceTypes.GroupVersions.Select(gv => (JsonNode)Group(gv.Group, gv.Version))]),
            },
            ["apis", var group] when ResourceTypes.GroupVersions.Any(gv => gv.Group == group) =>
                Group(group, ResourceTypes.GroupVersions.First(gv => gv.Group == group).Version),
            ["api", var version] when version == "v1" => Resources("", version),
            ["apis", var group, var version] when ResourceTypes.GroupVersions.Contains((group, version)) => Resources(group, version),
            _ => null,
        };
    }

    private static JsonObject Group(string group, string version)
    {
        var groupVersion = new JsonObject { ["groupVersion"] = $"{group}/{version}", ["version"] = version };
        return new JsonObject
        {
            ["kind"] = "APIGroup",
            ["apiVersion"] = "v1",
            ["name"] = group,
            ["versions"] = new JsonArray(groupVersion),
            ["preferredVersion"] = groupVersion.DeepClone(),
        };
    }

    private static JsonObject Resources(string group, string version)
    {
        var resources = new JsonArray();
        foreach (var type in ResourceTypes.All.Where(t => t.Group == group && t.Version == version))
        {
            resources.Add(new JsonObject
            {
                ["name"] = type.Plural,
                ["singularName"] = type.Singular,
                ["namespaced"] = type.Namespaced,
                ["kind"] = type.Kind,
                ["verbs"] = new JsonArray([.. (type.Stored ? ObjectVerbs : ["create"]).Select(v => (JsonNode)v)]),
                ["shortNames"] = new JsonArray([.. type.ShortNames.Select(s => (JsonNode)s)]),
            });
            foreach (var (parent, sub, kind, verbs) in ResourceTypes.Subresources.Where(s => s.Parent == type.Plural))
            {
                resources.Add(new JsonObject
                {
                    ["name"] = $"{parent}/{sub}",
                    ["singularName"] = "",
                    ["namespaced"] = type.Namespaced,
                    ["kind"] = kind,
                    ["verbs"] = new JsonArray([.. verbs.Select(v => (JsonNode)v)]),
                });
            }
        }

        return new JsonObject
        {
            ["kind"] = "APIResourceList",
            ["apiVersion"] = "v1",
            ["groupVersion"] = group.Length == 0 ? version : $"{group}/{version}",
            ["resources"] = resources,
        };
    }
}
