namespace ClusterFunctions.Host.Hosting;

/// <summary>
/// The settings the app runs with, merged as the Functions host merges them: local.settings.json Values, then the
/// caller's overrides; plus what every isolated app gets. The engine sees host.json under <c>AzureWebJobs:</c>.
/// </summary>
internal static class HostSettings
{
    public const string StorageSetting = "AzureWebJobsStorage";

    public static Dictionary<string, string?> AppSettings(FunctionAppFiles app, IReadOnlyDictionary<string, string> overrides, string storage)
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

        settings[StorageSetting] = storage;
        settings["FUNCTIONS_WORKER_RUNTIME"] = "dotnet-isolated";
        return settings;
    }

    public static Dictionary<string, string?> EngineSettings(FunctionAppFiles app, IReadOnlyDictionary<string, string?> appSettings)
    {
        var settings = new Dictionary<string, string?>(appSettings, StringComparer.OrdinalIgnoreCase);
        foreach ((string key, string? value) in app.HostJson)
        {
            settings["AzureWebJobs:" + key] = value;
        }

        // A machine with CONTAINER_NAME set looks like Linux Consumption to the extension, which then writes its
        // telemetry as JSON lines to the console. A local host is not Consumption.
        settings["CONTAINER_NAME"] = "";

        return settings;
    }

    /// <summary>True when the storage setting asks for the local emulator rather than naming one.</summary>
    public static bool WantsOwnAzurite(string? storage) =>
        string.IsNullOrWhiteSpace(storage) || string.Equals(storage.Trim(), "UseDevelopmentStorage=true", StringComparison.OrdinalIgnoreCase);
}
