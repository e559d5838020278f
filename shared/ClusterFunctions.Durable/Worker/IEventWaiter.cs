namespace ClusterFunctions.Durable.Worker;

/// <summary>A pending WaitForExternalEvent of any payload type.</summary>
internal interface IEventWaiter
{
    void Deliver(string? payload);
}
