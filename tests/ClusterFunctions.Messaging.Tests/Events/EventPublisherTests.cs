using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core.Pipeline;
using Azure.Messaging.EventGrid;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Messaging.Amqp;
using ClusterFunctions.Messaging.Events;
using ClusterFunctions.Messaging.Tests.Support;

namespace ClusterFunctions.Messaging.Tests.Events;

/// <summary>Publishing to a Service Bus topic (the emulator) and to Event Grid (a captured HTTP request).</summary>
public sealed class EventPublisherTests
{
    [Fact]
    public async Task PublishAsync_Ready_SubscriberReceivesACloudEventWithSubjectAndData()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var publisher = new ServiceBusEventPublisher(client, "t");

        await publisher.PublishAsync(ClusterEventTypes.Ready, ClusterEventSamples.Ready());
        var received = await TestEmulator.ReceiveOneAsync(client.CreateReceiver(EntityPaths.Subscription("t", "a")));
        var cloudEvent = ClusterCloudEvents.Decode(received.Body);

        Assert.Equal(ClusterCloudEvents.StructuredContentType, received.ContentType);
        Assert.Equal(ClusterEventTypes.Ready, received.Subject);
        Assert.Equal("req-42", received.CorrelationId);
        Assert.Equal(cloudEvent.Id, received.MessageId);
        Assert.Equal("blue", cloudEvent.Subject);
        Assert.Equal("req-42", ClusterCloudEvents.ReadData(cloudEvent)!.RequestId);
    }

    [Fact]
    public async Task PublishAsync_SameEventTwice_SubscriberGetsItOnce()
    {
        await using var emulator = await TestEmulator.StartAsync();
        await using var client = TestEmulator.Client(emulator);
        var publisher = new ServiceBusEventPublisher(client, "t");

        await publisher.PublishAsync(ClusterEventTypes.Failed, ClusterEventSamples.Ready());
        await publisher.PublishAsync(ClusterEventTypes.Failed, ClusterEventSamples.Ready());
        await publisher.PublishAsync(ClusterEventTypes.Deleted, ClusterEventSamples.Ready());
        var receiver = client.CreateReceiver(EntityPaths.Subscription("t", "b"));
        var first = await TestEmulator.ReceiveOneAsync(receiver);
        var second = await TestEmulator.ReceiveOneAsync(receiver);

        Assert.Equal(ClusterEventTypes.Failed, first.Subject);
        Assert.Equal(ClusterEventTypes.Deleted, second.Subject);
    }

    [Fact]
    public async Task PublishAsync_ToEventGrid_PostsACloudEventWithTheSameIdAndData()
    {
        var handler = new CapturingHandler();
        var eventGrid = new EventGridPublisherClient(
            new Uri("https://topic.westeurope-1.eventgrid.azure.net/api/events"),
            new AzureKeyCredential("not-a-real-key"),
            new EventGridPublisherClientOptions { Transport = new HttpClientTransport(handler), Retry = { MaxRetries = 0 } });
        var publisher = new EventGridEventPublisher(eventGrid);

        await publisher.PublishAsync(ClusterEventTypes.Ready, ClusterEventSamples.Ready());

        var posted = JsonDocument.Parse(handler.Body!).RootElement[0];
        var expected = ClusterCloudEvents.Create(ClusterEventTypes.Ready, ClusterEventSamples.Ready(), DateTimeOffset.UtcNow);
        Assert.Equal("application/cloudevents-batch+json; charset=utf-8", handler.ContentType);
        Assert.Equal(expected.Id, posted.GetProperty("id").GetString());
        Assert.Equal(ClusterEventTypes.Ready, posted.GetProperty("type").GetString());
        Assert.Equal("blue", posted.GetProperty("subject").GetString());
        Assert.Equal("req-42", posted.GetProperty("data").GetProperty("requestId").GetString());
    }

    sealed class CapturingHandler : HttpMessageHandler
    {
        public string? Body { get; private set; }

        public string? ContentType { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Body = await request.Content!.ReadAsStringAsync(cancellationToken);
            ContentType = request.Content.Headers.ContentType?.ToString();
            return new HttpResponseMessage(HttpStatusCode.OK) { Content = new StringContent("", Encoding.UTF8) };
        }
    }
}
