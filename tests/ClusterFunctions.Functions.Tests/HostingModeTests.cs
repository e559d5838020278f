using ClusterFunctions.Functions.Hosting;
using Microsoft.Extensions.Configuration;

namespace ClusterFunctions.Functions.Tests;

public class HostingModeTests
{
    private static bool Embedded(params (string Key, string Value)[] settings) =>
        FunctionApp.IsEmbedded(new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => KeyValuePair.Create(s.Key, (string?)s.Value))).Build());

    [Fact]
    public void IsEmbedded_NoServiceBusConfigured_RunsOnLocalCloud() => Assert.True(Embedded());

    [Fact]
    public void IsEmbedded_ConnectionString_UsesTheRealServiceBus() => Assert.False(Embedded(("ServiceBusConnection", "Endpoint=sb://x.servicebus.windows.net/;SharedAccessKeyName=k;SharedAccessKey=v")));

    [Fact]
    public void IsEmbedded_IdentityBasedNamespace_UsesTheRealServiceBus() => Assert.False(Embedded(("ServiceBusConnection:fullyQualifiedNamespace", "x.servicebus.windows.net")));

    [Fact]
    public void IsEmbedded_ExplicitModeWins() => Assert.True(Embedded(("LocalCloud:Mode", "embedded"), ("ServiceBusConnection", "Endpoint=sb://x/")));
}
