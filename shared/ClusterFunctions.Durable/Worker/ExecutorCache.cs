namespace ClusterFunctions.Durable.Worker;

/// <summary>Least-recently-used cache of executors; taking one removes it, so an executor has one user at a time.</summary>
internal sealed class ExecutorCache(int capacity)
{
    private readonly Lock gate = new();
    private readonly Dictionary<string, LinkedListNode<OrchestrationExecutor>> index = new(StringComparer.Ordinal);
    private readonly LinkedList<OrchestrationExecutor> order = new();

    public int Count
    {
        get
        {
            lock (gate)
            {
                return index.Count;
            }
        }
    }

    public OrchestrationExecutor? Take(string instanceId)
    {
        lock (gate)
        {
            if (!index.Remove(instanceId, out var node))
            {
                return null;
            }

            order.Remove(node);
            return node.Value;
        }
    }

    public void Put(OrchestrationExecutor executor)
    {
        lock (gate)
        {
            if (index.Remove(executor.InstanceId, out var old))
            {
                order.Remove(old);
            }

            index[executor.InstanceId] = order.AddFirst(executor);
            while (index.Count > capacity && order.Last is { } last)
            {
                order.RemoveLast();
                index.Remove(last.Value.InstanceId);
            }
        }
    }
}
