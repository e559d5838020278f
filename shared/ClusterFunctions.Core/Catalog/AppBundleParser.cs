using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Validation;

namespace ClusterFunctions.Core.Catalog;

/// <summary>Reads an <c>AppBundle</c> document into its definition, recording every structural problem.</summary>
internal static class AppBundleParser
{
    public static AppBundleDefinition Read(DocumentReader reader, JsonObject root, string name)
    {
        reader.OnlyKnownKeys(root, "", "kind", "name", "description", "namespace", "dependsOn", "parameters", "readiness", "network", "manifests");
        var ns = reader.String(root, "", "namespace", required: true) ?? "";
        if (ns.Length > 0 && !NameRules.IsDns1123Label(ns))
        {
            reader.Problem("namespace", NameRules.Dns1123LabelRule);
        }

        var manifests = reader.Array(root, "", "manifests", required: true) ?? [];
        return new AppBundleDefinition(
            name,
            reader.File,
            reader.String(root, "", "description", required: false) ?? "",
            ns,
            reader.StringList(root, "", "dependsOn"),
            ParameterParser.Read(reader, root),
            ReadReadiness(reader, root),
            ReadNetwork(reader, root),
            (JsonArray)manifests.DeepClone());
    }

    private static ReadinessDefinition? ReadReadiness(DocumentReader reader, JsonObject root)
    {
        var block = reader.Object(root, "", "readiness", required: false);
        if (block is null)
        {
            return null;
        }

        reader.OnlyKnownKeys(block, "readiness", "timeoutSeconds", "workloads");
        var timeout = reader.Integer(block, "readiness", "timeoutSeconds", required: true) ?? 300;
        if (timeout is < 10 or > 7200)
        {
            reader.Problem("readiness.timeoutSeconds", "must be between 10 and 7200");
        }

        var workloads = reader.StringList(block, "readiness", "workloads");
        for (var i = 0; i < workloads.Count; i++)
        {
            var parts = workloads[i].Split('/');
            if (parts.Length != 2 || parts[0] is not ("Deployment" or "StatefulSet"))
            {
                reader.Problem($"readiness.workloads[{i}]", "must be Deployment/<name> or StatefulSet/<name>");
            }
        }

        return new ReadinessDefinition(timeout, workloads);
    }

    private static NetworkDefinition ReadNetwork(DocumentReader reader, JsonObject root)
    {
        var block = reader.Object(root, "", "network", required: false);
        if (block is null)
        {
            return new NetworkDefinition([], []);
        }

        reader.OnlyKnownKeys(block, "network", "ports", "egress");
        var ports = new List<PortDefinition>();
        var portList = reader.Array(block, "network", "ports", required: false) ?? [];
        for (var i = 0; i < portList.Count; i++)
        {
            var path = $"network.ports[{i}]";
            if (portList[i] is not JsonObject port)
            {
                reader.Problem(path, "must be a mapping with name and port");
                continue;
            }

            reader.OnlyKnownKeys(port, path, "name", "port");
            var number = reader.Integer(port, path, "port", required: true) ?? 0;
            if (number is < 1 or > 65535)
            {
                reader.Problem($"{path}.port", "must be between 1 and 65535");
            }

            ports.Add(new PortDefinition(reader.String(port, path, "name", required: true) ?? "", number));
        }

        var egress = new List<EgressRule>();
        var egressList = reader.Array(block, "network", "egress", required: false) ?? [];
        for (var i = 0; i < egressList.Count; i++)
        {
            var path = $"network.egress[{i}]";
            if (egressList[i] is not JsonObject rule || rule.Count != 1 || !(rule.ContainsKey("app") || rule.ContainsKey("internet")))
            {
                reader.Problem(path, "must be either { app: NAME } or { internet: [PORTS] }");
                continue;
            }

            var internet = new List<int>();
            if (rule["internet"] is JsonArray portsArray)
            {
                foreach (var p in portsArray)
                {
                    if (p is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.TryGetValue<long>(out var n) && n is >= 1 and <= 65535)
                    {
                        internet.Add((int)n);
                    }
                    else
                    {
                        reader.Problem($"{path}.internet", "must be a list of ports between 1 and 65535");
                    }
                }
            }

            egress.Add(new EgressRule(reader.String(rule, path, "app", required: false), internet));
        }

        return new NetworkDefinition(ports, egress);
    }
}
