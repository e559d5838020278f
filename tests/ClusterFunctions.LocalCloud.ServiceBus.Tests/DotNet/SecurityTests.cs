using Azure.Messaging.ServiceBus;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>SASL MSSBCBS with $cbs put-token: the SAS token's signature, audience and expiry are checked.</summary>
public sealed class SecurityTests
{
    [Fact]
    public async Task Send_WithTheWrongKey_FailsUnauthorisedWithoutHanging()
    {
        await using var emulator = await Emulator.StartAsync();
        var wrong = emulator.ConnectionString.Replace($"SharedAccessKey={Emulator.Key}", "SharedAccessKey=not-the-key", StringComparison.Ordinal);
        await using var client = new ServiceBusClient(wrong, new ServiceBusClientOptions
        {
            RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0, TryTimeout = TimeSpan.FromSeconds(20) },
        });
        await using var sender = client.CreateSender("q");
        var watch = System.Diagnostics.Stopwatch.StartNew();

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Contains("sig", error.Message);
        Assert.True(watch.Elapsed < TimeSpan.FromSeconds(10), $"took {watch.Elapsed}");
        Assert.Equal(0, emulator.GetMessageCount("q"));
    }

    [Fact]
    public async Task Send_WithTheWrongKeyName_FailsUnauthorised()
    {
        await using var emulator = await Emulator.StartAsync();
        var wrong = emulator.ConnectionString.Replace("SharedAccessKeyName=RootManageSharedAccessKey", "SharedAccessKeyName=Other", StringComparison.Ordinal);
        await using var client = new ServiceBusClient(wrong, new ServiceBusClientOptions { RetryOptions = new ServiceBusRetryOptions { MaxRetries = 0 } });
        await using var sender = client.CreateSender("q");

        var error = await Assert.ThrowsAsync<UnauthorizedAccessException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Contains("skn", error.Message);
    }

    [Fact]
    public async Task Send_ToAnUndeclaredQueue_FailsWithMessagingEntityNotFound()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var sender = client.CreateSender("nowhere");

        var error = await Assert.ThrowsAsync<ServiceBusException>(() => sender.SendMessageAsync(new ServiceBusMessage("x")));

        Assert.Equal(ServiceBusFailureReason.MessagingEntityNotFound, error.Reason);
    }
}
