using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Controllers;

/// <summary>
/// Pod Security Admission's baseline and restricted checks for a pod spec, worded as the real
/// admission plugin words them (the checks the product's workloads can trip; not every field).
/// </summary>
internal static class PodSecurityEvaluator
{
    public const string EnforceLabel = "pod-security.kubernetes.io/enforce";
    public const string EnforceVersionLabel = "pod-security.kubernetes.io/enforce-version";

    private static readonly HashSet<string> BaselineCapabilities =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    private static readonly HashSet<string> RestrictedVolumeTypes =
        ["configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret"];

    /// <summary>The refusal text ('violates PodSecurity "restricted:latest": ...'), or null when the pod is allowed.</summary>
    public static string? Evaluate(JsonObject? namespaceObject, JsonObject podSpec)
    {
        var labels = namespaceObject?["metadata"]?["labels"];
        var level = labels?[EnforceLabel]?.GetValue<string>() ?? "privileged";
        var version = labels?[EnforceVersionLabel]?.GetValue<string>() ?? "latest";
        if (level is not ("baseline" or "restricted"))
        {
            return null;
        }

        var violations = Baseline(podSpec);
        if (level == "restricted")
        {
            violations.AddRange(Restricted(podSpec));
        }

        return violations.Count == 0 ? null : $"violates PodSecurity \"{level}:{version}\": {string.Join(", ", violations)}";
    }

    private static List<string> Baseline(JsonObject spec)
    {
        var violations = new List<string>();
        var hostNamespaces = new[] { "hostNetwork", "hostPID", "hostIPC" }.Where(f => Bool(spec[f]) == true).Select(f => $"{f}=true").ToList();
        if (hostNamespaces.Count > 0)
        {
            violations.Add($"host namespaces ({string.Join(", ", hostNamespaces)})");
        }

        var containers = Containers(spec).ToList();
        Add(violations, "privileged", containers.Where(c => Bool(c["securityContext"]?["privileged"]) == true), "must not set securityContext.privileged=true");
        foreach (var c in containers)
        {
            foreach (var cap in Strings(c["securityContext"]?["capabilities"]?["add"]).Where(a => !BaselineCapabilities.Contains(a)))
            {
                violations.Add($"non-default capabilities (container \"{Name(c)}\" must not include \"{cap}\" in securityContext.capabilities.add)");
            }

            foreach (var port in (c["ports"] as JsonArray ?? []).OfType<JsonObject>().Where(p => p["hostPort"] is not null && p["hostPort"]!.GetValue<int>() != 0))
            {
                violations.Add($"hostPort (container \"{Name(c)}\" uses hostPort {port["hostPort"]})");
            }
        }

        foreach (var volume in Volumes(spec).Where(v => v.ContainsKey("hostPath")))
        {
            violations.Add($"hostPath volumes (volume \"{Name(volume)}\")");
        }

        return violations;
    }

    private static List<string> Restricted(JsonObject spec)
    {
        var violations = new List<string>();
        var podContext = spec["securityContext"];
        var containers = Containers(spec).ToList();
        foreach (var volume in Volumes(spec))
        {
            var type = volume.Select(kv => kv.Key).FirstOrDefault(k => k != "name");
            if (type is not null && type != "hostPath" && !RestrictedVolumeTypes.Contains(type))
            {
                violations.Add($"restricted volume types (volume \"{Name(volume)}\" uses restricted volume type \"{type}\")");
            }
        }

        Add(violations, "allowPrivilegeEscalation != false",
            containers.Where(c => Bool(c["securityContext"]?["allowPrivilegeEscalation"]) != false),
            "must set securityContext.allowPrivilegeEscalation=false");
        Add(violations, "unrestricted capabilities",
            containers.Where(c => !Strings(c["securityContext"]?["capabilities"]?["drop"]).Contains("ALL")),
            "must set securityContext.capabilities.drop=[\"ALL\"]");
        foreach (var c in containers)
        {
            foreach (var cap in Strings(c["securityContext"]?["capabilities"]?["add"]).Where(a => a != "NET_BIND_SERVICE"))
            {
                violations.Add($"unrestricted capabilities (container \"{Name(c)}\" must not include \"{cap}\" in securityContext.capabilities.add)");
            }
        }

        var podNonRoot = Bool(podContext?["runAsNonRoot"]);
        Add(violations, "runAsNonRoot != true",
            containers.Where(c => (Bool(c["securityContext"]?["runAsNonRoot"]) ?? podNonRoot) != true),
            "must set securityContext.runAsNonRoot=true", podOr: true);
        if (podContext?["runAsUser"] is JsonValue uid && uid.GetValue<long>() == 0)
        {
            violations.Add("runAsUser=0 (pod must not set runAsUser=0)");
        }

        var podSeccomp = podContext?["seccompProfile"]?["type"]?.GetValue<string>();
        Add(violations, "seccompProfile",
            containers.Where(c => (c["securityContext"]?["seccompProfile"]?["type"]?.GetValue<string>() ?? podSeccomp) is not ("RuntimeDefault" or "Localhost")),
            "must set securityContext.seccompProfile.type to \"RuntimeDefault\" or \"Localhost\"", podOr: true);
        return violations;
    }

    private static void Add(List<string> violations, string check, IEnumerable<JsonObject> failing, string rule, bool podOr = false)
    {
        var names = failing.Select(c => $"\"{Name(c)}\"").ToList();
        if (names.Count == 0)
        {
            return;
        }

        var subject = (names.Count == 1 ? "container " : "containers ") + string.Join(", ", names);
        violations.Add($"{check} ({(podOr ? "pod or " : "")}{subject} must {rule["must ".Length..]})");
    }

    private static IEnumerable<JsonObject> Containers(JsonObject spec) =>
        new[] { "initContainers", "containers", "ephemeralContainers" }
            .SelectMany(k => (spec[k] as JsonArray ?? []).OfType<JsonObject>());

    private static IEnumerable<JsonObject> Volumes(JsonObject spec) => (spec["volumes"] as JsonArray ?? []).OfType<JsonObject>();

    private static string Name(JsonObject o) => o["name"]?.GetValue<string>() ?? "";

    private static bool? Bool(JsonNode? node) => node is JsonValue v && v.TryGetValue<bool>(out var b) ? b : null;

    private static List<string> Strings(JsonNode? node) => (node as JsonArray ?? []).Select(v => v?.ToString() ?? "").ToList();
}
