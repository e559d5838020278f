using ClusterFunctions.Host.Worker;

namespace ClusterFunctions.Host.Functions;

/// <summary>
/// Sorts the worker's functions into those the host serves and those it cannot, with the reason, so that a binding
/// the host does not serve is named at start instead of failing silently later.
/// </summary>
internal sealed class FunctionCatalog
{
    /// <summary>Trigger types the host serves and how.</summary>
    public static readonly IReadOnlyDictionary<string, FunctionKind> ServedTriggers = new Dictionary<string, FunctionKind>(StringComparer.OrdinalIgnoreCase)
    {
        ["httpTrigger"] = FunctionKind.Called,
        ["serviceBusTrigger"] = FunctionKind.Called,
        ["orchestrationTrigger"] = FunctionKind.Orchestrator,
        ["activityTrigger"] = FunctionKind.Activity,
    };

    /// <summary>Input bindings the engine resolves (the Durable client); output binding <c>http</c> is the HTTP response.</summary>
    public static readonly IReadOnlySet<string> ServedInputs = new HashSet<string>(StringComparer.OrdinalIgnoreCase) { "durableClient" };

    private FunctionCatalog(IReadOnlyList<HostedFunction> served, IReadOnlyList<string> refused)
    {
        Served = served;
        Refused = refused;
    }

    public IReadOnlyList<HostedFunction> Served { get; }

    /// <summary>One line per function the host will not run, naming the binding it lacks.</summary>
    public IReadOnlyList<string> Refused { get; }

    public static FunctionCatalog From(IEnumerable<WorkerFunction> functions)
    {
        var served = new List<HostedFunction>();
        var refused = new List<string>();
        foreach (WorkerFunction function in functions)
        {
            WorkerBinding? trigger = function.Trigger;
            if (trigger is null || !ServedTriggers.TryGetValue(trigger.Type, out FunctionKind kind))
            {
                refused.Add($"function '{function.Name}': trigger '{trigger?.Type ?? "(none)"}' is not served by this host " +
                            $"(served: {string.Join(", ", ServedTriggers.Keys)})");
                continue;
            }

            if (string.Equals(trigger.Type, "serviceBusTrigger", StringComparison.OrdinalIgnoreCase)
                && (string.Equals(trigger.Property("isSessionsEnabled"), "true", StringComparison.OrdinalIgnoreCase)
                    || string.Equals(trigger.Property("cardinality"), "many", StringComparison.OrdinalIgnoreCase)))
            {
                refused.Add($"function '{function.Name}': serviceBusTrigger with sessions or batches is not served by this host (single messages without sessions are)");
                continue;
            }

            var inputs = new List<WorkerBinding>();
            string? unserved = null;
            foreach (WorkerBinding binding in function.Bindings.Where(b => !b.IsTrigger))
            {
                bool isInput = !string.Equals(binding.Direction, "out", StringComparison.OrdinalIgnoreCase);
                if (isInput && ServedInputs.Contains(binding.Type))
                {
                    inputs.Add(binding);
                }
                else if (isInput || !string.Equals(binding.Type, "http", StringComparison.OrdinalIgnoreCase))
                {
                    unserved = binding.Type;
                    break;
                }
            }

            if (unserved is not null)
            {
                refused.Add($"function '{function.Name}': binding '{unserved}' is not served by this host " +
                            $"(served: the triggers above, input {string.Join(", ", ServedInputs)}, output http)");
                continue;
            }

            served.Add(new HostedFunction(function, kind, inputs));
        }

        return new FunctionCatalog(served, refused);
    }
}
