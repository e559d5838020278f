using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>
/// Renders default-deny networking: every app namespace denies all traffic, then DNS, traffic inside
/// the namespace (optional) and exactly the flows the apps declare are allowed, on both ends.
/// </summary>
public static class NetworkPolicyRenderer
{
    private static readonly string[] PrivateRanges = ["10.0.0.0/8", "172.16.0.0/12", "192.168.0.0/16", "169.254.0.0/16"];

    public static IReadOnlyList<JsonObject> Render(IReadOnlyList<AppBundleDefinition> apps, bool allowSameNamespace)
    {
        var policies = new List<JsonObject>();
        foreach (var ns in apps.Select(a => a.Namespace).Distinct().Order(StringComparer.Ordinal))
        {
            policies.Add(Policy(ns, "default-deny-all", ["Ingress", "Egress"], null, null));
            policies.Add(Policy(ns, "allow-dns", ["Egress"], null, [Rule("to", KubeDnsPeer(), DnsPorts())]));
            if (allowSameNamespace)
            {
                var sameNamespace = new JsonObject { ["podSelector"] = new JsonObject() };
                policies.Add(Policy(ns, "allow-same-namespace", ["Ingress", "Egress"], [Rule("from", sameNamespace.DeepClone(), null)], [Rule("to", sameNamespace, null)]));
            }
        }

        foreach (var app in apps.OrderBy(a => a.Name, StringComparer.Ordinal))
        {
            foreach (var target in Targets(app, apps))
            {
                var ports = Ports(target.Network.Ports);
                policies.Add(Policy(app.Namespace, $"{app.Name}-egress-to-{target.Name}", ["Egress"], null, [Rule("to", NamespacePeer(target.Namespace), ports)]));
                policies.Add(Policy(target.Namespace, $"{target.Name}-ingress-from-{app.Name}", ["Ingress"], [Rule("from", NamespacePeer(app.Namespace), (JsonArray)ports.DeepClone())], null));
            }

            var internet = app.Network.Egress.SelectMany(e => e.InternetPorts).Distinct().Order().ToList();
            if (internet.Count > 0)
            {
                var peer = new JsonObject { ["ipBlock"] = new JsonObject { ["cidr"] = "0.0.0.0/0", ["except"] = new JsonArray(PrivateRanges.Select(r => (JsonNode)r).ToArray()) } };
                var ports = new JsonArray(internet.Select(p => (JsonNode)new JsonObject { ["protocol"] = "TCP", ["port"] = p }).ToArray());
                policies.Add(Policy(app.Namespace, $"{app.Name}-egress-to-internet", ["Egress"], null, [Rule("to", peer, ports)]));
            }
        }

        return policies;
    }

    // Flows to apps in the same namespace are already covered; flows to apps the profile lacks are moot.
    private static IEnumerable<AppBundleDefinition> Targets(AppBundleDefinition app, IReadOnlyList<AppBundleDefinition> apps) =>
        apps.Where(t => t.Name != app.Name && t.Namespace != app.Namespace && t.Network.Ports.Count > 0)
            .Where(t => app.Network.Egress.Any(e => e.App == "*" || e.App == t.Name))
            .OrderBy(t => t.Name, StringComparer.Ordinal);

    private static JsonObject Policy(string ns, string name, string[] types, JsonObject[]? ingress, JsonObject[]? egress)
    {
        var spec = new JsonObject
        {
            ["podSelector"] = new JsonObject(),
            ["policyTypes"] = new JsonArray(types.Select(t => (JsonNode)t).ToArray()),
        };
        if (ingress is not null)
        {
            spec["ingress"] = new JsonArray(ingress.Cast<JsonNode>().ToArray());
        }

        if (egress is not null)
        {
            spec["egress"] = new JsonArray(egress.Cast<JsonNode>().ToArray());
        }

        return new JsonObject
        {
            ["apiVersion"] = "networking.k8s.io/v1",
            ["kind"] = "NetworkPolicy",
            ["metadata"] = new JsonObject { ["name"] = name, ["namespace"] = ns },
            ["spec"] = spec,
        };
    }

    private static JsonObject Rule(string direction, JsonNode peer, JsonArray? ports)
    {
        var rule = new JsonObject { [direction] = new JsonArray(peer) };
        if (ports is not null)
        {
            rule["ports"] = ports;
        }

        return rule;
    }

    private static JsonObject NamespacePeer(string ns) => new()
    {
        ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = ns } },
    };

    private static JsonObject KubeDnsPeer() => new()
    {
        ["namespaceSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["kubernetes.io/metadata.name"] = "kube-system" } },
        ["podSelector"] = new JsonObject { ["matchLabels"] = new JsonObject { ["k8s-app"] = "kube-dns" } },
    };

    private static JsonArray DnsPorts() => new(
        new JsonObject { ["protocol"] = "UDP", ["port"] = 53 },
        new JsonObject { ["protocol"] = "TCP", ["port"] = 53 });

    private static JsonArray Ports(IReadOnlyList<PortDefinition> ports) =>
        new(ports.Select(p => (JsonNode)new JsonObject { ["protocol"] = "TCP", ["port"] = p.Port }).ToArray());
}
