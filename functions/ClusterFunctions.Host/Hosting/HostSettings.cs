using Microsoft.Extensions.Configuration;

namespace ClusterFunctions.Host.Hosting;

/// <summary>
/// The settings the app runs with, merged as the Functions host merges them: local.settings.json Values, then the
/// caller's overrides (the environment only where neither names the storage); plus what every isolated app gets.
/// The engine sees host.json under <c>AzureWebJobs:</c>.
/// </summary>
internal static class HostSettings
{
    public const string StorageSetting = "AzureWebJobsStorage";

    // What the Durable extension makes its worker id of ("stamp:instance").
    private const string WorkerStampSetting = "WEBSITE_CURRENT_STAMPNAME";
    private const string WorkerInstanceSetting = "RoleInstanceId";

    public static Dictionary<string, string?> AppSettings(FunctionAppFiles app, IReadOnlyDictionary<string, string> overrides, string? storage)
    {
        var settings = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string value) in app.LocalSettingsValues)
        {
            settings[key] = value;
        }

        foreach ((string key, string value) in overrides)
        {
            settings[key] = value;
        }

        // As the Functions host does, the engine runs on the storage the app names; it starts no Azurite.
        settings[StorageSetting] = new[] { storage, settings.GetValueOrDefault(StorageSetting), Environment.GetEnvironmentVariable(StorageSetting) }
            .FirstOrDefault(s => !string.IsNullOrWhiteSpace(s)) ?? throw new HostConfigurationException(
                $"{StorageSetting} is not set: pass --storage, or set it in local.settings.json Values (UseDevelopmentStorage=true " +
                "is an Azurite on its default ports; `./cluster emulate storage` runs one on free ports).");
        settings["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        return settings;
    }

    /// <summary>The engine's settings; <paramref name="instanceName"/> names this host among the instances that share the
    /// task hub.</summary>
    public static Dictionary<string, string?> EngineSettings(FunctionAppFiles app, IReadOnlyDictionary<string, string?> appSettings,
        string instanceName)
    {
        var settings = new Dictionary<string, string?>(appSettings, StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string? value) in app.HostJson.AsEnumerable().Where(setting => setting.Value is not null))
        {
            settings["AzureWebJobs:" + key] = value;
        }

        // A machine with CONTAINER_NAME set looks like Linux Consumption to the extension, which then writes its
        // telemetry as JSON lines to the console. A local host is not Consumption.
        settings["CONTAINER_NAME"] = "";

        // The Azure Storage provider leases partitions to a worker id: the machine name unless the platform names the
        // instance (stamp and role instance, as on App Service). Two hosts on one machine would share the machine name,
        // each take every lease as its own and run the same orchestrations at once; so each host names itself, unless
        // the settings already do.
        if (!settings.ContainsKey(WorkerStampSetting) && !settings.ContainsKey(WorkerInstanceSetting))
        {
            settings[WorkerStampSetting] = "local";
            settings[WorkerInstanceSetting] = instanceName;
        }

        return settings;
    }
}
