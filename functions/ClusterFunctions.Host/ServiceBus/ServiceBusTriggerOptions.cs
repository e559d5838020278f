using System.Globalization;
using ClusterFunctions.Host.Hosting;
using Microsoft.Extensions.Configuration;

namespace ClusterFunctions.Host.ServiceBus;

/// <summary>host.json <c>extensions.serviceBus</c>, as the official extension reads it, with its defaults.</summary>
internal sealed record ServiceBusTriggerOptions(int MaxConcurrentCalls, int PrefetchCount, TimeSpan MaxAutoLockRenewalDuration, bool AutoCompleteMessages)
{
    public static ServiceBusTriggerOptions From(IConfiguration hostJson)
    {
        string? Read(string name) => hostJson["extensions:serviceBus:" + name];
        int Number(string name, int fallback)
        {
            string? text = Read(name);
            return text is null ? fallback
                : int.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out int value) && value > 0 ? value
                : throw new HostConfigurationException($"host.json: extensions.serviceBus.{name} must be a positive whole number (found '{text}').");
        }

        string? renewal = Read("maxAutoLockRenewalDuration");
        TimeSpan lockRenewal = renewal is null ? TimeSpan.FromMinutes(5)
            : TimeSpan.TryParse(renewal, CultureInfo.InvariantCulture, out TimeSpan parsed) && parsed >= TimeSpan.Zero ? parsed
            : throw new HostConfigurationException($"host.json: extensions.serviceBus.maxAutoLockRenewalDuration must be a time span like 00:05:00 (found '{renewal}').");
        string? complete = Read("autoCompleteMessages");
        return new ServiceBusTriggerOptions(
            Number("maxConcurrentCalls", 16 * Environment.ProcessorCount),
            Number("prefetchCount", 0),
            lockRenewal,
            complete is null || !bool.TryParse(complete, out bool flag) || flag);
    }
}
