using Azure.Core;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>The app's one <see cref="ServiceBusClient"/>, from the connection the queue trigger names, read as Functions reads it.</summary>
public static class ServiceBusClients
{
    public const string ConnectionName = "ServiceBusConnection";

    /// <summary>The queue requests arrive on (the trigger's entity).</summary>
    public const string RequestsQueue = "cluster-requests";

    /// <summary>
    /// Identity-based (<c>ServiceBusConnection__fullyQualifiedNamespace</c>, with the credential ARM uses: the managed
    /// identity in Azure, the developer's login locally), else a connection string, which is also how the local
    /// emulator is reached (<c>UseDevelopmentEmulator=true</c>).
    /// </summary>
    public static ServiceBusClient Create(IConfiguration configuration, IServiceProvider services)
    {
        if (configuration[$"{ConnectionName}:fullyQualifiedNamespace"] is { Length: > 0 } ns)
        {
            return new ServiceBusClient(ns, services.GetRequiredService<TokenCredential>());
        }

        return configuration[ConnectionName] is { Length: > 0 } connection
            ? new ServiceBusClient(connection)
            : throw new InvalidOperationException($"{ConnectionName}: is required (a connection string, or {ConnectionName}__fullyQualifiedNamespace for a managed identity)");
    }
}
