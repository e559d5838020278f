using Microsoft.Extensions.DependencyInjection;

namespace ClusterFunctions.Worker.Extensions.ServiceBus;

/// <summary>Registers <see cref="ServiceBusMessageActions"/>, wired to the host that started this worker.</summary>
public static class ServiceBusWorkerExtensions
{
    public static IServiceCollection AddServiceBusMessageActions(this IServiceCollection services) =>
        services.AddSingleton(_ =>
        {
            string? url = Environment.GetEnvironmentVariable(ServiceBusMessageActions.UrlSetting);
            var http = new HttpClient { BaseAddress = url is null ? null : new Uri(url.TrimEnd('/') + "/") };
            http.DefaultRequestHeaders.Add("x-functions-key", Environment.GetEnvironmentVariable(ServiceBusMessageActions.KeySetting) ?? "");
            return new ServiceBusMessageActions(http);
        });
}
