using System.Net;
using System.Text.Json;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Triggers;

namespace ClusterFunctions.Functions.Tests;

/// <summary>A queued request over quota waits on the queue as scheduled copies, instead of being abandoned into the dead-letter queue.</summary>
public class QueueQuotaTests(QueueQuotaFixture app) : IClassFixture<QueueQuotaFixture>
{
    [Fact]
    public async Task QueueMessage_OverQuota_ComesBackAsAScheduledCopy_AndStartsOnceQuotaFrees()
    {
        await using var client = new ServiceBusClient(app.Cloud.ServiceBus.ConnectionString);
        await SendAsync(client, "quota-holder-1", new ClusterRequest("held-1", "held-1", "developer"));
        await Polling.UntilAsync(() => InstanceExistsAsync("cluster-held-1"), "the first build started");

        await SendAsync(client, "quota-holder-1", new ClusterRequest("waiting-1", "waiting-1", "developer"));
        // Found by its requeue count: a copy the trigger put back, scheduled (or already due: the fixture waits one second).
        var copy = await Polling.UntilAsync(() => RequeuedCopyAsync(client, "waiting-1"), "the second request was put back as a scheduled copy");
        var terminate = await app.Management.PostAsync("runtime/webhooks/durabletask/instances/cluster-held-1/terminate?reason=test", null);
        await Polling.UntilAsync(() => InstanceExistsAsync("cluster-waiting-1"), "the waiting request started once quota freed");

        Assert.Equal(HttpStatusCode.Accepted, terminate.StatusCode);
        Assert.Equal("quota-holder-1", copy.ApplicationProperties["requestedBy"]);
    }

    [Fact]
    public async Task QueueMessage_OverQuotaPastTheMaxWait_IsDeadLetteredAsOverQuota_AfterWaitingNotAfterRedeliveries()
    {
        await using var client = new ServiceBusClient(app.Cloud.ServiceBus.ConnectionString);
        await SendAsync(client, "quota-holder-2", new ClusterRequest("held-2", "held-2", "developer"));
        await Polling.UntilAsync(() => InstanceExistsAsync("cluster-held-2"), "the first build started");

        await SendAsync(client, "quota-holder-2", new ClusterRequest("waiting-2", "waiting-2", "developer"));
        await using var deadLetters = client.CreateReceiver("cluster-requests", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var refused = await deadLetters.ReceiveMessageAsync(TimeSpan.FromSeconds(60)) ?? throw new TimeoutException("nothing was dead-lettered");

        Assert.Equal("OverQuota", refused.DeadLetterReason);
        Assert.Contains("the limit per requester is 1", refused.DeadLetterErrorDescription);
        Assert.Contains("Limits:QueuedRequestMaxWait", refused.DeadLetterErrorDescription);
        Assert.Equal(1, refused.DeliveryCount);
        Assert.True(Convert.ToInt64(refused.ApplicationProperties[OverQuotaRequeue.RequeuesProperty]) >= 3, "it was rechecked several times while it waited");
        Assert.Equal(HttpStatusCode.NotFound, (await app.Management.GetAsync("runtime/webhooks/durabletask/instances/cluster-waiting-2")).StatusCode);
    }

    private static async Task SendAsync(ServiceBusClient client, string requester, ClusterRequest request)
    {
        await using var sender = client.CreateSender("cluster-requests");
        await sender.SendMessageAsync(new ServiceBusMessage(JsonSerializer.Serialize(request, new JsonSerializerOptions(JsonSerializerDefaults.Web)))
        {
            ContentType = "application/json",
            ApplicationProperties = { ["requestedBy"] = requester, ["roles"] = "developer" },
        });
    }

    /// <summary>The management API answers 202 for a running instance, 200 for a finished one, 404 for none.</summary>
    private async Task<bool> InstanceExistsAsync(string instanceId) =>
        (await app.Management.GetAsync($"runtime/webhooks/durabletask/instances/{instanceId}")).StatusCode is HttpStatusCode.OK or HttpStatusCode.Accepted;

    private static async Task<ServiceBusReceivedMessage?> RequeuedCopyAsync(ServiceBusClient client, string clusterName)
    {
        await using var receiver = client.CreateReceiver("cluster-requests");
        var waiting = await receiver.PeekMessagesAsync(50);
        return waiting.FirstOrDefault(m => m.ApplicationProperties.ContainsKey(OverQuotaRequeue.RequeuesProperty) && m.Body.ToString().Contains(clusterName, StringComparison.Ordinal));
    }
}
