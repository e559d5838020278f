using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using Microsoft.Extensions.Configuration;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>
/// Reads configuration the way the Functions host does: <c>local.settings.json</c> "Values" become
/// settings (nested keys with <c>__</c>), and <c>host.json</c> extension settings are mapped onto the
/// options the app binds, with <c>%NAME%</c> replaced from the settings.
/// </summary>
public static partial class FunctionsConfiguration
{
    public static void AddFunctionsFiles(this IConfigurationManager configuration, string contentRoot)
    {
        var values = ReadLocalSettings(Path.Combine(contentRoot, "local.settings.json"));
        configuration.AddInMemoryCollection(values);

        var hostJson = Path.Combine(contentRoot, "host.json");
        if (File.Exists(hostJson))
        {
            configuration.AddInMemoryCollection(MapHostJson(JsonNode.Parse(File.ReadAllText(hostJson))?.AsObject() ?? [], key => configuration[key]));
        }

        // Environment variables win over files, as in the Functions host.
        configuration.AddEnvironmentVariables();
    }

    private static Dictionary<string, string?> ReadLocalSettings(string path)
    {
        var result = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        if (!File.Exists(path))
        {
            return result;
        }

        var root = JsonNode.Parse(File.ReadAllText(path))?.AsObject() ?? [];
        foreach (var (key, value) in root["Values"]?.AsObject() ?? [])
        {
            result[key.Replace("__", ":", StringComparison.Ordinal)] = value?.ToString();
        }

        if (root["Host"]?["LocalHttpPort"] is { } port)
        {
            result["Host:LocalHttpPort"] = port.ToString();
        }

        return result;
    }

    private static Dictionary<string, string?> MapHostJson(JsonObject host, Func<string, string?> setting)
    {
        string? Resolve(JsonNode? node) => node is null ? null : Placeholder().Replace(node.ToString(), m => setting(m.Groups[1].Value) ?? "");

        var durable = host["extensions"]?["durableTask"];
        var serviceBus = host["extensions"]?["serviceBus"];
        var map = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
        {
            ["DurableTask:TaskHubName"] = Resolve(durable?["hubName"]),
            ["DurableTask:DatabasePath"] = Resolve(durable?["storageProvider"]?["databasePath"]),
            ["DurableTask:MaxConcurrentActivityFunctions"] = Resolve(durable?["maxConcurrentActivityFunctions"]),
            ["DurableTask:MaxConcurrentOrchestratorFunctions"] = Resolve(durable?["maxConcurrentOrchestratorFunctions"]),
            ["ServiceBus:PrefetchCount"] = Resolve(serviceBus?["prefetchCount"]),
            ["ServiceBus:MaxConcurrentCalls"] = Resolve(serviceBus?["messageHandlerOptions"]?["maxConcurrentCalls"]),
            ["ServiceBus:MaxAutoLockRenewalDuration"] = Resolve(serviceBus?["messageHandlerOptions"]?["maxAutoLockRenewalDuration"]),
        };
        foreach (var (level, value) in host["logging"]?["logLevel"]?.AsObject() ?? [])
        {
            map[$"Logging:LogLevel:{(level == "default" ? "Default" : level)}"] = Resolve(value);
        }

        return map.Where(p => !string.IsNullOrEmpty(p.Value)).ToDictionary(p => p.Key, p => p.Value, StringComparer.OrdinalIgnoreCase);
    }

    [GeneratedRegex("%([A-Za-z0-9_]+)%")]
    private static partial Regex Placeholder();
}
