using Amqp.Framing;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using ClusterFunctions.LocalCloud.ServiceBus.Transport;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Protocol;

/// <summary>The frame patch that keeps AMQPNetLite's session send window from wrapping to zero.</summary>
public sealed class FlowWindowPatchTests
{
    [Fact]
    public void Apply_FlowWithTheSdksWindow_LowersOnlyTheIncomingWindow()
    {
        var frame = TestFrames.Of(new Flow
        {
            NextIncomingId = 3, IncomingWindow = uint.MaxValue, NextOutgoingId = 1, OutgoingWindow = 2048,
            Handle = 0, DeliveryCount = 3, LinkCredit = 1, Drain = false,
        });

        FlowWindowPatch.Apply(frame);

        var flow = TestFrames.Decode<Flow>(frame);
        Assert.Equal((uint)int.MaxValue, flow.IncomingWindow);
        Assert.Equal(3u, flow.NextIncomingId);
        Assert.Equal(1u, flow.NextOutgoingId);
        Assert.Equal(2048u, flow.OutgoingWindow);
        Assert.Equal(3u, flow.DeliveryCount);
        Assert.Equal(1u, flow.LinkCredit);
    }

    [Fact]
    public void Apply_WindowsThatCannotWrapAndOtherFrames_LeavesThemUntouched()
    {
        var smallWindow = TestFrames.Of(new Flow { NextIncomingId = 3, IncomingWindow = 5000, NextOutgoingId = 1, OutgoingWindow = 2048, Handle = 0, LinkCredit = 1 });
        var atTheLimit = TestFrames.Of(new Flow { NextIncomingId = 3, IncomingWindow = int.MaxValue, NextOutgoingId = 1, OutgoingWindow = 2048 });
        var begin = TestFrames.Of(new Begin { NextOutgoingId = 1, IncomingWindow = uint.MaxValue, OutgoingWindow = 5000, HandleMax = 255 });
        var truncated = TestFrames.Of(new Flow { NextIncomingId = 3, IncomingWindow = uint.MaxValue, NextOutgoingId = 1, OutgoingWindow = 2048 })[..14];

        foreach (var frame in new[] { smallWindow, atTheLimit, begin, truncated })
        {
            var copy = frame.ToArray();
            FlowWindowPatch.Apply(copy);
            Assert.Equal(frame, copy);
        }
    }
}
