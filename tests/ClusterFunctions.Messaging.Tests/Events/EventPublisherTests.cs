using System.Net;
using System.Text;
using System.Text.Json;
using Azure;
using Azure.Core.Pipeline;
using Azure.Messaging.EventGrid;
using Azure.Messaging.ServiceBus;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Messaging.Events;
using ClusterFunctions.LocalCloud.ServiceBus;

namespace ClusterFunctions.Messaging.Tests.Events;

/// <summary>Publishing to a Service Bus topic (the emulator) and to Event Grid (a captured HTTP request).</summary>
public sealed class EventPublisherTests
{
    [Fact]
    public async Task PublishAsync_Ready_SubscriberReceivesACloudEventWithSubjectAndData()
    {
        await using var emulator = await StartEmulatorAsync();
        await using var client = new ServiceBusClient(emulator.ConnectionString);
        var publisher = new ServiceBusEventPublisher(client.CreateSender("t"));

        await publisher.PublishAsync(ClusterEventTypes.Ready, ClusterEventSamples.Ready());
        var received = await ReceiveOneAsync(client.CreateReceiver("t", "a"));
        var cloudEvent = ClusterCloudEvents.Decode(received.Body.ToMemory());

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
        await using var emulator = await StartEmulatorAsync();
        await using var client = new ServiceBusClient(emulator.ConnectionString);
        var publisher = new ServiceBusEventPublisher(client.CreateSender("t"));

        await publisher.PublishAsync(ClusterEventTypes.Failed, ClusterEventSamples.Ready());
        await publisher.PublishAsync(ClusterEventTypes.Failed, ClusterEventSamples.Ready());
        await publisher.PublishAsync(ClusterEventTypes.Deleted, ClusterEventSamples.Ready());
        var receiver = client.CreateReceiver("t", "b");
        var first = await ReceiveOneAsync(receiver);
        var second = await ReceiveOneAsync(receiver);

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

    /// <summary>The emulator with a topic "t" (subscriptions "a" and "b"), duplicate detection on (the emulator's default).</summary>
    static Task<ServiceBusEmulator> StartEmulatorAsync()
    {
        var options = new ServiceBusEmulatorOptions();
        options.Topics.Add(new EmulatorTopicOptions { Name = "t", Subscriptions = { "a", "b" } });
        return ServiceBusEmulator.StartAsync(options);
    }

    static async Task<ServiceBusReceivedMessage> ReceiveOneAsync(ServiceBusReceiver receiver) =>
        await receiver.ReceiveMessageAsync(TimeSpan.FromSeconds(10)) ?? throw new TimeoutException("no message arrived");

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
