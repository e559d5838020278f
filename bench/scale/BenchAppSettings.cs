using ClusterFunctions.LocalCloud;

namespace ClusterFunctions.Bench.Scale;

/// <summary>App settings for benches that build many clusters on LocalCloud: the given catalog, 100 ms polls, warnings
/// only, and no build or rate limits in the way of a burst.</summary>
internal static class BenchAppSettings
{
    public static Dictionary<string, string> For(LocalCloudHost cloud, string catalog) => new(cloud.HostSettings())
    {
        ["Build:CatalogDirectory"] = catalog,
        ["Build:InfrastructurePollInterval"] = "00:00:00.100",
        ["Build:GatePollInterval"] = "00:00:00.100",
        ["Logging:LogLevel:Default"] = "Warning",
        ["Limits:MaxConcurrentBuildsPerRequester"] = "10000",
        ["Limits:MaxConcurrentBuilds"] = "10000",
        ["Limits:RequestsPerMinute"] = "1000000",
    };
}
