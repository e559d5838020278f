namespace ClusterFunctions.Cli;

/// <summary>
/// What each option means. An option means the same in every command that takes it, so its
/// description lives once here and <c>./cluster COMMAND --help</c> lists the command's own.
/// </summary>
public static class OptionHelp
{
    private static readonly Dictionary<string, string> Descriptions = new(StringComparer.Ordinal)
    {
        ["--name"] = "cluster name: 2-63 lowercase letters, digits and '-', starting with a letter, not ending with '-'",
        ["--profile"] = "catalog profile to build from, or to upgrade (./cluster profiles lists them)",
        ["--region"] = "Azure region instead of the profile's own; must be one of the profile's allowedRegions",
        ["--request-id"] = "idempotency key of the request (default: generated); repeating it returns the same build",
        ["--output"] = "output format (text is for people, json for scripts)",
        ["--endpoint"] = "URL of a running function app (default: CLUSTERFUNCTIONS_ENDPOINT, else the embedded LocalCloud or http://127.0.0.1:7071)",
        ["--key"] = "function key sent as x-functions-key (default: CLUSTERFUNCTIONS_KEY)",
        ["--catalog"] = "catalog directory (default: CLUSTERFUNCTIONS_CATALOG, else infra/catalog)",
        ["--timeout"] = "minutes to wait for the build before giving up (default 30)",
        ["--keep-running"] = "after the build, keep the embedded LocalCloud up until Ctrl+C so kubectl can reach the cluster",
        ["--approve"] = "approve a build that waits for approval with this caller's key (the caller needs the approver role)",
        ["--comment"] = "text recorded with the approval decision",
        ["--deny"] = "deny instead of approve",
        ["--reason"] = "why the build is stopped, recorded with the caller in its ClusterFailed event (at most 1024 characters)",
        ["--wave-size"] = "upgrade: how many clusters are upgraded at once (1-100, default 1); the next wave starts when all of them succeeded",
        ["--dry-run"] = "upgrade: only show each cluster's diff (ARM and manifests); change nothing",
        ["--by"] = "how much longer the cluster lives: a whole number and s, m, h or d (30m, 4h, 2d); also the second argument, ./cluster extend NAME 4h",
        ["--no-wait"] = "return once the deletion is accepted instead of waiting for it to finish",
        ["--port"] = "TCP port to listen on",
        ["--content-root"] = "directory whose .state/ keeps serve's function key across restarts (default: current directory)",
        ["--data"] = "directory where the emulators keep their state across restarts",
        ["--provisioning-time"] = "how long an emulated managed cluster takes to provision (hh:mm:ss)",
        ["--readiness-delay"] = "how long emulated workloads take to become ready (hh:mm:ss)",
        ["--servicebus-port"] = "TCP port of the Service Bus emulator",
        ["--connection"] = "Service Bus connection string (default: CLUSTERFUNCTIONS_SERVICEBUS)",
        ["--topic"] = "topic the completion events are published to (default cluster-events)",
        ["--what"] = "which emulator to run: all, azure, kubernetes, servicebus or storage (Azurite)",
        ["--subscription"] = "subscription of the cluster-events topic to read",
        ["--file"] = "write the kubeconfig to this file, readable by you only, instead of printing it",
    };

    public static string? Describe(string option) => Descriptions.GetValueOrDefault(option);

    /// <summary>The help text of one command: its summary, then each option and switch with its meaning.</summary>
    public static string For(string command, CommandSpec spec)
    {
        var text = new System.Text.StringBuilder();
        text.AppendLine($"usage: ./cluster {command} {spec.Summary}");
        foreach (var option in spec.Options.Concat(spec.Switches))
        {
            var value = spec.Options.Contains(option) ? " VALUE" : "";
            text.AppendLine($"  {option + value,-26} {Describe(option) ?? ""}");
        }

        return text.ToString();
    }
}
