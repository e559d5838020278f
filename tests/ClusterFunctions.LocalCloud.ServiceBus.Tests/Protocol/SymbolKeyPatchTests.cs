using Amqp;
using Amqp.Framing;
using Amqp.Types;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;
using ClusterFunctions.LocalCloud.ServiceBus.Transport;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Protocol;

/// <summary>The frame patch that lets AMQPNetLite decode dispositions whose error info has string keys, as the JavaScript SDK sends them.</summary>
public sealed class SymbolKeyPatchTests
{
    [Fact]
    public void Apply_RejectedWithStringKeysInInfo_BecomesTheSymbolKeyedFrame()
    {
        var info = new Fields { [new Symbol("DeadLetterReason")] = "JsReason", [new Symbol("DeadLetterErrorDescription")] = "js description" };
        var symbolKeyed = TestFrames.Of(new Dispose
        {
            Role = true,
            First = 7,
            Settled = false,
            State = new Rejected { Error = new Error(new Symbol("com.microsoft:dead-letter")) { Info = info } },
        });
        var stringKeyed = ToStringKeys(symbolKeyed, "DeadLetterReason", "DeadLetterErrorDescription");
        Assert.NotEqual(symbolKeyed, stringKeyed);

        SymbolKeyPatch.Apply(stringKeyed);

        Assert.Equal(symbolKeyed, stringKeyed);
    }

    [Fact]
    public void Apply_ModifiedWithStringKeyedAnnotations_BecomesTheSymbolKeyedFrame()
    {
        var symbolKeyed = TestFrames.Of(new Dispose
        {
            Role = true,
            First = 3,
            State = new Modified { MessageAnnotations = new Fields { [new Symbol("attempt")] = 2 } },
        });
        var stringKeyed = ToStringKeys(symbolKeyed, "attempt");

        SymbolKeyPatch.Apply(stringKeyed);

        Assert.Equal(symbolKeyed, stringKeyed);
    }

    [Fact]
    public void Apply_OtherFrames_LeavesThemUntouched()
    {
        var flow = TestFrames.Of(new Flow { Handle = 1, LinkCredit = 10, IncomingWindow = 100, OutgoingWindow = 100 });
        var accepted = TestFrames.Of(new Dispose { Role = true, First = 1, Settled = true, State = new Accepted() });
        var truncated = accepted[..12];

        var flowCopy = flow.ToArray();
        var acceptedCopy = accepted.ToArray();
        var truncatedCopy = truncated.ToArray();
        SymbolKeyPatch.Apply(flowCopy);
        SymbolKeyPatch.Apply(acceptedCopy);
        SymbolKeyPatch.Apply(truncatedCopy);

        Assert.Equal(flow, flowCopy);
        Assert.Equal(accepted, acceptedCopy);
        Assert.Equal(truncated, truncatedCopy);
    }


    /// <summary>Turns the sym8 encodings of the given keys into str8, which is what rhea (the JavaScript SDK) writes.</summary>
    static byte[] ToStringKeys(byte[] frame, params string[] keys)
    {
        var copy = frame.ToArray();
        foreach (var key in keys)
        {
            var encoded = new byte[] { 0xa3, (byte)key.Length }.Concat(System.Text.Encoding.ASCII.GetBytes(key)).ToArray();
            var at = copy.AsSpan().IndexOf(encoded);
            Assert.True(at > 0, $"key {key} is not in the frame as a symbol");
            copy[at] = 0xa1;
        }

        return copy;
    }
}
