using System.Reflection;
using Amqp;
using Amqp.Listener;

namespace ClusterFunctions.LocalCloud.ServiceBus.Links;

/// <summary>
/// The credit of a link the emulator sends on, as the AMQP spec defines it (2.6.7: the sender may send up to the
/// receiver's flow.delivery-count + flow.link-credit), kept in AMQP.Net Lite's own ListenerLink so that its drain
/// reply and its next flow arithmetic agree with it.
/// <para>
/// Why this exists: AMQP.Net Lite 2.5.5 sets the link's credit to zero on every flow that does not raise the client's
/// limit. A flow that repeats the limit (one the client sent before the last transfer reached it, or one re-sending its
/// credit) so took back all the credit: the client's timed receive got nothing until it drained, and the drain then
/// reported a delivery-count short of the limit. The library's counters are private, so they are reached by
/// reflection on the pinned version; a version that renames them fails at the first attach with this type's name,
/// and <c>ReceiveCreditTests</c> pin the behaviour.
/// </para>
/// </summary>
internal sealed class ListenerLinkCredit
{
    const BindingFlags Private = BindingFlags.Instance | BindingFlags.NonPublic;
    static readonly FieldInfo CreditField = Field(typeof(ListenerLink), "credit");
    static readonly FieldInfo DeliveryCountField = Field(typeof(ListenerLink), "deliveryCount");
    static readonly FieldInfo SequenceNumberValue = Field(DeliveryCountField.FieldType, "sequenceNumber");
    static readonly PropertyInfo LockProperty = typeof(Link).GetProperty("ThisLock", Private)
        ?? throw new MissingMemberException($"{nameof(ListenerLinkCredit)}: AMQP.Net Lite's Link has no ThisLock; check the pinned version");

    readonly ListenerLink link;
    readonly object linkLock;

    // The client's limit (delivery-count + link-credit of its last flow), once a flow came; before that nothing was sent.
    uint? limit;

    public ListenerLinkCredit(ListenerLink link)
    {
        this.link = link;
        linkLock = LockProperty.GetValue(link)!;
    }

    /// <summary>Deliveries the client's credit still allows (zero or less: none).</summary>
    public int Available
    {
        get
        {
            lock (linkLock)
            {
                return (int)(uint)CreditField.GetValue(link)!;
            }
        }
    }

    /// <summary>
    /// Corrects the library after a flow. <paramref name="delta"/> is what it reported: the client's new limit less
    /// the link's (delivery-count + credit) before the flow, a figure sends leave unchanged. When the limit rose the
    /// library's credit is right; otherwise it zeroed the credit, and the spec's value is the new limit less the
    /// delivery-count, or zero when the client lowered its limit below what was already sent.
    /// </summary>
    public void Apply(int delta)
    {
        lock (linkLock)
        {
            var deliveryCount = DeliveryCount();
            // Sends since the library's update moved delivery-count and credit together, so their sum is the library's
            // figure: the new limit when it rose, the delivery-count at the flow when it zeroed the credit.
            var sum = deliveryCount + (uint)CreditField.GetValue(link)!;
            if (delta <= 0)
            {
                var clientLimit = (limit ?? sum) + (uint)delta;
                sum = (int)(clientLimit - sum) > 0 ? clientLimit : sum;
                CreditField.SetValue(link, sum - deliveryCount);
            }

            limit = sum;
        }
    }

    uint DeliveryCount() => (uint)(int)SequenceNumberValue.GetValue(DeliveryCountField.GetValue(link))!;

    static FieldInfo Field(Type type, string name) => type.GetField(name, Private)
        ?? throw new MissingMemberException($"{nameof(ListenerLinkCredit)}: AMQP.Net Lite's {type.Name} has no field '{name}'; check the pinned version");
}
