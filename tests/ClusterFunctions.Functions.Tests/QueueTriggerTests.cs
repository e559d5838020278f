using System.Text.Json;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Tests;

public class QueueTriggerTests(EmbeddedAppFixture app) : IClassFixture<EmbeddedAppFixture>
{
    private static readonly TimeSpan BuildTimeout = TimeSpan.FromSeconds(90);

    private async Task SendAsync(string body, string? messageId = null, string? subject = null, string roles = "platform")
    {
        await using var client = new ServiceBusClient(app.Cloud.ServiceBus.ConnectionString);
        await using var sender = client.CreateSender("cluster-requests");
        await sender.SendMessageAsync(new ServiceBusMessage(body)
        {
            MessageId = messageId ?? Guid.NewGuid().ToString("N"),
            ContentType = "application/json",
            Subject = subject,
            ApplicationProperties = { ["requestedBy"] = "queue-tests", ["roles"] = roles },
        });
    }

    private static string Json(ClusterRequest request) => JsonSerializer.Serialize(request, new JsonSerializerOptions(JsonSerializerDefaults.Web));

    private async Task<ServiceBusReceivedMessage> DeadLetterAsync(TimeSpan timeout)
    {
        await using var client = new ServiceBusClient(app.Cloud.ServiceBus.ConnectionString);
        await using var receiver = client.CreateReceiver("cluster-requests", new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter });
        var message = await receiver.ReceiveMessageAsync(timeout) ?? throw new TimeoutException("nothing was dead-lettered");
        await receiver.CompleteMessageAsync(message);
        return message;
    }

    [Theory]
    [InlineData("developer")]
    [InlineData("testing")]
    [InlineData("production")]
    public async Task QueueMessage_ShippedProfile_BuildsTheClusterAndSubscriberGetsClusterReadyWithTheAppsInPlace(string profile)
    {
        var request = new ClusterRequest($"queue-{profile}", $"queued-{profile}", profile);

        await SendAsync(Json(request));
        if (profile == "production")
        {
            await Approvals.DecideWhenAskedAsync(app.Http, request.ClusterName);
        }

        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        Assert.Equal($"queued-{profile}", ready["subject"]!.GetValue<string>());
        Assert.Equal("Ready", (await app.StatusAsync($"queued-{profile}"))["state"]!.GetValue<string>());
        var server = ready["data"]!["endpoints"]!["kubernetesApi"]!.GetValue<string>();
        var (_, deployments) = await Kubectl.RunAsync(app.Cloud, server, "get", "deployment", "model-serving", "-n", "ai", "-o", "name");
        Assert.Equal("deployment.apps/model-serving", deployments.Trim());
    }

    [Fact]
    public async Task QueueMessage_SameRequestTwiceAndRedelivered_StartsOneBuild()
    {
        var request = new ClusterRequest("queue-dup", "queue-dup", "developer");

        await SendAsync(Json(request), messageId: "m-1");
        await SendAsync(Json(request), messageId: "m-1");
        await SendAsync(Json(request), messageId: "m-2");

        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        var history = await app.Management.GetStringAsync("runtime/webhooks/durabletask/instances?instanceIdPrefix=cluster-queue-dup");
        Assert.Single(JsonDocument.Parse(history).RootElement.EnumerateArray());
        Assert.Single(app.Cloud.Clusters.Clusters.Keys, k => k.EndsWith("/managedClusters/queue-dup", StringComparison.Ordinal));
    }

    [Fact]
    public async Task QueueMessage_NotJson_IsDeadLetteredWithTheReasonAndTheConsumerKeepsGoing()
    {
        await SendAsync("this is not json");
        var poisoned = await DeadLetterAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("ValidationFailed", poisoned.DeadLetterReason);
        Assert.Contains("malformed JSON at line 1", poisoned.DeadLetterErrorDescription);

        var request = new ClusterRequest("after-poison", "after-poison", "developer");
        await SendAsync(Json(request));
        await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
    }

    [Fact]
    public async Task QueueMessage_InvalidNameAndUnknownProfile_IsDeadLetteredNamingBothFields()
    {
        await SendAsync("""{"requestId":"bad-1","clusterName":"Bad_Name","profile":"staging"}""");

        var poisoned = await DeadLetterAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("ValidationFailed", poisoned.DeadLetterReason);
        Assert.Contains("clusterName: must match", poisoned.DeadLetterErrorDescription);
        Assert.Contains("profile: unknown profile 'staging'", poisoned.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task QueueMessage_RequesterNotAllowedForTheProfile_IsDeadLetteredAsForbidden()
    {
        await SendAsync(Json(new ClusterRequest("forbidden-1", "forbidden", "production")), roles: "developer");

        var refused = await DeadLetterAsync(TimeSpan.FromSeconds(30));

        Assert.Equal("Forbidden", refused.DeadLetterReason);
        Assert.Contains("may not request profile 'production' (allowed: platform)", refused.DeadLetterErrorDescription);
    }

    [Fact]
    public async Task QueueMessage_Approve_FromAnApproverProceedsTheBuild_FromOthersIsDeadLettered()
    {
        var request = new ClusterRequest("queue-approval", "queue-approval", "production");
        await SendAsync(Json(request));
        await Approvals.WaitUntilAskedAsync(app.Http, request.ClusterName);

        await SendAsync("""{"clusterName":"queue-approval","comment":"from a developer"}""", subject: "approve", roles: "developer");
        var refused = await DeadLetterAsync(TimeSpan.FromSeconds(30));
        await SendAsync("""{"clusterName":"queue-approval","comment":"change 7"}""", subject: "approve", roles: "approver");

        Assert.Equal("Forbidden", refused.DeadLetterReason);
        var ready = await app.Events.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, BuildTimeout);
        Assert.Equal("queue-tests", ready["data"]!["approvedBy"]!.GetValue<string>());
    }
}
