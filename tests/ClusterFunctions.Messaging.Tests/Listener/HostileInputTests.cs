using System.Collections.Concurrent;
using System.Text;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Listener;
using ClusterFunctions.Messaging.Tests.Support;

namespace ClusterFunctions.Messaging.Tests.Listener;

/// <summary>
/// Hostile and broken request messages through the real decoder (Core's parser and validator with the
/// shipped catalog): each is dead-lettered at once with a precise reason, and the consumer goes on to
/// handle the valid request sent after it.
/// </summary>
public sealed class HostileInputTests
{
    static readonly Catalog Catalog = CatalogLoader.Load(Path.Combine(AppContext.BaseDirectory, "catalog")).Catalog;

    public static TheoryData<string, string?, string, string> Cases()
    {
        var deep = "{\"requestId\":\"r-1\",\"clusterName\":\"blue\",\"profile\":\"production\",\"labels\":{\"x\":"
            + new string('[', 5000) + new string(']', 5000) + "}}";
        return new TheoryData<string, string?, string, string>
        {
            { "this is { not json", "application/json", DeadLetterReasons.ValidationFailed, "malformed JSON at line 1, byte 2" },
            { "{\"requestId\":\"r-1\",\"clusterName\":\"blue\",\"profile\":\"production\"}", "text/plain", DeadLetterReasons.UnsupportedContentType, "contentType: 'text/plain' is not accepted; expected application/json" },
            { "{\"pad\":\"" + new string('a', 1024 * 1024 - 10) + "\"}", "application/json", DeadLetterReasons.BodyTooLarge, "body: 1048576 bytes exceeds the limit of 262144 bytes" },
            { "{\"pad\":\"" + new string('a', 100 * 1024 - 10) + "\"}", "application/json", DeadLetterReasons.ValidationFailed, $"body is 102400 bytes; the limit is {RequestLimits.MaxBodyBytes}" },
            // 5,000 levels inside a string map: refused at the depth limit, naming where, without deep recursion.
            { deep, "application/json", DeadLetterReasons.ValidationFailed, "nested deeper than" },
            { "{\"requestId\":\"r-1\",\"clusterName\":\"Bad_Name!\",\"profile\":\"production\"}", "application/json", DeadLetterReasons.ValidationFailed, "clusterName: must match ^[a-z][a-z0-9-]{0,61}[a-z0-9]$" },
            { "{\"requestId\":\"r-1\",\"clusterName\":\"blue\",\"profile\":\"nonexistent\"}", "application/json", DeadLetterReasons.ValidationFailed, "profile: unknown profile 'nonexistent' (known: " },
            { "{\"requestId\":\"r-1\",\"clusterName\":\"blue\",\"profile\":\"production\",\"admin\":true}", "application/json", DeadLetterReasons.ValidationFailed, "unknown field" },
            { "", null, DeadLetterReasons.ValidationFailed, "body is empty" },
            { "\u0000\u0001\u00ff\u00fe binary", null, DeadLetterReasons.ValidationFailed, "malformed JSON at line 1, byte 1" },
        };
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public async Task RunAsync_HostileMessage_DeadLetteredWithPreciseReasonAndConsumerGoesOn(string body, string? contentType, string reason, string description)
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var handled = new ConcurrentQueue<string>();
        var valid = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var listener = new QueueListener<ClusterRequest>(client, "nodup", ClusterRequestDecoder.Create(Catalog), (request, _, _) =>
        {
            handled.Enqueue(request.ClusterName);
            valid.TrySetResult();
            return Task.CompletedTask;
        });
        var sender = client.CreateSender("nodup");
        await sender.SendAsync(new OutgoingMessage(Encoding.UTF8.GetBytes(body)) { MessageId = "hostile", ContentType = contentType });
        await sender.SendAsync(new OutgoingMessage("{\"requestId\":\"r-2\",\"clusterName\":\"green\",\"profile\":\"production\"}"u8.ToArray())
        {
            MessageId = "valid",
            ContentType = "application/json; charset=utf-8",
        });

        ReceivedMessage dead;
        await using (new RunningListener<ClusterRequest>(listener))
        {
            dead = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.DeadLetterQueue("nodup")));
            await valid.Task.WaitAsync(TestEmulator.Wait);
        }

        Assert.Equal("hostile", dead.MessageId);
        Assert.Equal(reason, dead.DeadLetterReason);
        Assert.Contains(description, dead.DeadLetterErrorDescription);
        Assert.Equal(["green"], handled);
    }
}
