namespace ClusterFunctions.Cli.Remote;

/// <summary>The app settings an embedded run gives the function app: the catalog, fast polling, quiet logs, its keys.</summary>
public static class EmbeddedSettings
{
    public static Dictionary<string, string> For(string catalogDirectory, IReadOnlyDictionary<string, string?> keys)
    {
        var settings = new Dictionary<string, string>
        {
            ["TASKHUB_NAME"] = "ClusterFunctions",
            ["Build:CatalogDirectory"] = catalogDirectory,
            ["Build:InfrastructurePollInterval"] = "00:00:00.100",
            ["Build:GatePollInterval"] = "00:00:00.100",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in keys)
        {
            settings[key] = value ?? "";
        }

        return settings;
    }
}
