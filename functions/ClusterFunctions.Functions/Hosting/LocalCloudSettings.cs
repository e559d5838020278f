using ClusterFunctions.LocalCloud;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>Reads the embedded LocalCloud's options from the "LocalCloud" configuration section.</summary>
public static class LocalCloudSettings
{
    public static LocalCloudOptions Read(IConfiguration configuration) => new()
    {
        ProvisioningTime = configuration.GetValue("LocalCloud:ProvisioningTime", TimeSpan.Zero),
        ReadinessDelay = configuration.GetValue("LocalCloud:ReadinessDelay", TimeSpan.Zero),
        DataDirectory = configuration["LocalCloud:DataDirectory"],
    };
}
