using Microsoft.Extensions.DependencyInjection;

namespace ClusterFunctions.Durable.Tests.Worker;

/// <summary>A service for the DI test.</summary>
internal sealed record Greeting(string Word);

/// <summary>Registers <see cref="Greeting"/>.</summary>
internal static class GreetingRegistration
{
    public static IServiceCollection AddSingletonGreeting(this IServiceCollection services, string word) => services.AddSingleton(new Greeting(word));
}
