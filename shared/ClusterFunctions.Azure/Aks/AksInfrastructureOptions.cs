using Azure.Core.Pipeline;

namespace ClusterFunctions.Azure.Aks;

/// <summary>Where ARM is and how patiently to call it (bound from the "Azure" configuration section).</summary>
public sealed class AksInfrastructureOptions
{
    /// <summary>The ARM endpoint; the LocalCloud emulator's address in embedded mode and tests.</summary>
    public Uri ResourceManagerEndpoint { get; set; } = new("https://management.azure.com/");

    /// <summary>The token audience (scope is audience + "/.default").</summary>
    public string Audience { get; set; } = "https://management.azure.com/";

    /// <summary>Retries Azure.Core makes for 408/429/5xx before the adapter reports retry-later.</summary>
    public int MaxRetries { get; set; } = 3;

    /// <summary>Base delay of Azure.Core's exponential retry (Retry-After from the server wins).</summary>
    public TimeSpan RetryDelay { get; set; } = TimeSpan.FromSeconds(0.8);

    /// <summary>The HTTP transport; set to trust the emulator's certificate, null for the default.</summary>
    public HttpPipelineTransport? Transport { get; set; }
}
