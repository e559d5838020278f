using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Policies;

/// <summary>
/// Checks a workload's pod template against a Pod Security Standards level (Kubernetes v1.32 rules),
/// so a plan that would have its pods refused by Pod Security Admission fails at plan time instead.
/// </summary>
public static class PodSecurityEvaluator
{
    private static readonly HashSet<string> BaselineCapabilities =
    [
        "AUDIT_WRITE", "CHOWN", "DAC_OVERRIDE", "FOWNER", "FSETID", "KILL", "MKNOD", "NET_BIND_SERVICE",
        "SETFCAP", "SETGID", "SETPCAP", "SETUID", "SYS_CHROOT",
    ];

    private static readonly HashSet<string> RestrictedVolumeTypes =
    [
        "configMap", "csi", "downwardAPI", "emptyDir", "ephemeral", "persistentVolumeClaim", "projected", "secret",
    ];

    private static readonly HashSet<string> SafeSysctls =
    [
        "kernel.shm_rmid_forced", "net.ipv4.ip_local_port_range", "net.ipv4.ip_unprivileged_port_start",
        "net.ipv4.tcp_syncookies", "net.ipv4.ping_group_range", "net.ipv4.ip_local_reserved_ports",
        "net.ipv4.tcp_keepalive_time", "net.ipv4.tcp_fin_timeout", "net.ipv4.tcp_keepalive_intvl", "net.ipv4.tcp_keepalive_probes",
    ];

    /// <summary>Where the pod spec sits in each workload kind; null for kinds without pods.</summary>
    public static string? PodSpecPath(string kind) => kind switch
    {
        "Pod" => "spec",
        "Deployment" or "StatefulSet" or "DaemonSet" or "ReplicaSet" or "Job" => "spec.template.spec",
        "CronJob" => "spec.jobTemplate.spec.template.spec",
        _ => null,
    };

    /// <summary>Every rule the object's pods break at <paramref name="level"/>, each as "path: reason".</summary>
    public static IReadOnlyList<string> Evaluate(JsonObject workload, PodSecurityLevel level)
    {
        var kind = workload["kind"]?.GetValue<string>() ?? "";
        var specPath = PodSpecPath(kind);
        if (specPath is null || level == PodSecurityLevel.Privileged)
        {
            return [];
        }

        var spec = specPath.Split('.').Aggregate<string, JsonNode?>(workload, (node, key) => node?[key]) as JsonObject;
        if (spec is null)
        {
            return [];
        }

        var violations = new List<string>();
        var label = level.ToString().ToLowerInvariant();
        void Violation(string path, string reason) => violations.Add($"{specPath}.{path}: {reason} (pod security level \"{label}\")");

        CheckBaselinePod(spec, Violation);
        var containers = Containers(spec).ToList();
        foreach (var (path, container) in containers)
        {
            CheckBaselineContainer(container, path, Violation);
        }

        if (level == PodSecurityLevel.Restricted)
        {
            CheckRestricted(spec, containers, Violation);
        }

        return violations;
    }

    private static IEnumerable<(string Path, JsonObject Container)> Containers(JsonObject spec)
    {
        foreach (var list in new[] { "initContainers", "containers", "ephemeralContainers" })
        {
            if (spec[list] is JsonArray array)
            {
                for (var i = 0; i < array.Count; i++)
                {
                    if (array[i] is JsonObject container)
                    {
                        yield return ($"{list}[{i}]", container);
                    }
                }
            }
        }
    }

    private static void CheckBaselinePod(JsonObject spec, Action<string, string> violation)
    {
        foreach (var host in new[] { "hostNetwork", "hostPID", "hostIPC" })
        {
            if (IsTrue(spec[host]))
            {
                violation(host, "host namespaces are not allowed");
            }
        }

        if (spec["volumes"] is JsonArray volumes)
        {
            for (var i = 0; i < volumes.Count; i++)
            {
                if (volumes[i] is JsonObject v && v.ContainsKey("hostPath"))
                {
                    violation($"volumes[{i}].hostPath", "hostPath volumes are not allowed");
                }
            }
        }

        CheckSecurityContext(spec["securityContext"] as JsonObject, "securityContext", violation);
        if (spec["securityContext"]?["sysctls"] is JsonArray sysctls)
        {
            for (var i = 0; i < sysctls.Count; i++)
            {
                var name = Text(sysctls[i]?["name"]);
                if (name is null || !SafeSysctls.Contains(name))
                {
                    violation($"securityContext.sysctls[{i}]", $"sysctl '{name}' is not in the safe set");
                }
            }
        }
    }

    private static void CheckBaselineContainer(JsonObject container, string path, Action<string, string> violation)
    {
        var context = container["securityContext"] as JsonObject;
        if (IsTrue(context?["privileged"]))
        {
            violation($"{path}.securityContext.privileged", "privileged containers are not allowed");
        }

        if (context?["capabilities"]?["add"] is JsonArray add)
        {
            foreach (var capability in add.Select(Text).Where(c => c is not null && !BaselineCapabilities.Contains(c)))
            {
                violation($"{path}.securityContext.capabilities.add", $"capability {capability} is not allowed");
            }
        }

        if (Text(context?["procMount"]) is { } procMount && procMount != "Default")
        {
            violation($"{path}.securityContext.procMount", "procMount must be Default");
        }

        if (container["ports"] is JsonArray ports)
        {
            for (var i = 0; i < ports.Count; i++)
            {
                if (ports[i]?["hostPort"] is JsonValue hp && hp.GetValueKind() == JsonValueKind.Number && hp.GetValue<long>() != 0)
                {
                    violation($"{path}.ports[{i}].hostPort", "host ports are not allowed");
                }
            }
        }

        CheckSecurityContext(context, $"{path}.securityContext", violation);
    }

    private static void CheckSecurityContext(JsonObject? context, string path, Action<string, string> violation)
    {
        if (Text(context?["seccompProfile"]?["type"]) == "Unconfined")
        {
            violation($"{path}.seccompProfile.type", "seccomp profile Unconfined is not allowed");
        }

        if (Text(context?["appArmorProfile"]?["type"]) == "Unconfined")
        {
            violation($"{path}.appArmorProfile.type", "AppArmor profile Unconfined is not allowed");
        }

        if (context?["seLinuxOptions"] is JsonObject se)
        {
            var type = Text(se["type"]);
            if (type is not (null or "" or "container_t" or "container_init_t" or "container_kvm_t" or "container_engine_t"))
            {
                violation($"{path}.seLinuxOptions.type", $"SELinux type {type} is not allowed");
            }

            if (!string.IsNullOrEmpty(Text(se["user"])) || !string.IsNullOrEmpty(Text(se["role"])))
            {
                violation($"{path}.seLinuxOptions", "SELinux user and role must not be set");
            }
        }
    }

    private static void CheckRestricted(JsonObject spec, List<(string Path, JsonObject Container)> containers, Action<string, string> violation)
    {
        if (spec["volumes"] is JsonArray volumes)
        {
            for (var i = 0; i < volumes.Count; i++)
            {
                if (volumes[i] is JsonObject v && v.Select(p => p.Key).FirstOrDefault(k => k != "name") is { } type && !RestrictedVolumeTypes.Contains(type))
                {
                    violation($"volumes[{i}].{type}", $"volume type {type} is not allowed");
                }
            }
        }

        var pod = spec["securityContext"] as JsonObject;
        var podNonRoot = IsTrue(pod?["runAsNonRoot"]);
        var podSeccomp = Text(pod?["seccompProfile"]?["type"]);
        if (IsZero(pod?["runAsUser"]))
        {
            violation("securityContext.runAsUser", "running as user 0 (root) is not allowed");
        }

        foreach (var (path, container) in containers)
        {
            var context = container["securityContext"] as JsonObject;
            if (!IsFalse(context?["allowPrivilegeEscalation"]))
            {
                violation($"{path}.securityContext.allowPrivilegeEscalation", "must be false");
            }

            var nonRoot = context?["runAsNonRoot"] is JsonValue v && v.GetValueKind() is JsonValueKind.True or JsonValueKind.False ? v.GetValue<bool>() : podNonRoot;
            if (!nonRoot)
            {
                violation($"{path}.securityContext.runAsNonRoot", "must be true (on the pod or the container)");
            }

            if (IsZero(context?["runAsUser"]))
            {
                violation($"{path}.securityContext.runAsUser", "running as user 0 (root) is not allowed");
            }

            var seccomp = Text(context?["seccompProfile"]?["type"]) ?? podSeccomp;
            if (seccomp is not ("RuntimeDefault" or "Localhost"))
            {
                violation($"{path}.securityContext.seccompProfile.type", "must be RuntimeDefault or Localhost (on the pod or the container)");
            }

            var capabilities = context?["capabilities"];
            if (!(capabilities?["drop"] is JsonArray drop && drop.Select(Text).Contains("ALL")))
            {
                violation($"{path}.securityContext.capabilities.drop", "must include ALL");
            }

            if (capabilities?["add"] is JsonArray add && add.Select(Text).Any(c => c != "NET_BIND_SERVICE"))
            {
                violation($"{path}.securityContext.capabilities.add", "only NET_BIND_SERVICE may be added");
            }
        }
    }

    private static string? Text(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.String ? v.GetValue<string>() : null;

    private static bool IsTrue(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.True;

    private static bool IsFalse(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.False;

    private static bool IsZero(JsonNode? node) => node is JsonValue v && v.GetValueKind() == JsonValueKind.Number && v.GetValue<long>() == 0;
}
