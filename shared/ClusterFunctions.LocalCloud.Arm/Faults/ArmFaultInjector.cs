namespace ClusterFunctions.LocalCloud.Arm.Faults;

/// <summary>Holds the faults to inject; tests and the CLI add to it while the emulator runs.</summary>
public sealed class ArmFaultInjector
{
    private readonly Lock _gate = new();
    private readonly List<(ArmFault Fault, int Remaining)> _faults = [];
    private readonly Queue<(string Code, string Message)> _operationFailures = new();

    /// <summary>Answers the next matching requests with <paramref name="fault"/>.</summary>
    public void Add(ArmFault fault)
    {
        ArgumentNullException.ThrowIfNull(fault);
        ArgumentOutOfRangeException.ThrowIfLessThan(fault.Times, 1);
        lock (_gate)
        {
            _faults.Add((fault, fault.Times));
        }
    }

    /// <summary>Makes the next long-running create or update end with status Failed and this error.</summary>
    public void FailNextOperation(string code, string message)
    {
        lock (_gate)
        {
            _operationFailures.Enqueue((code, message));
        }
    }

    /// <summary>How many injected request faults have not fired yet.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _faults.Sum(f => f.Remaining);
            }
        }
    }

    internal ArmFault? TakeRequestFault(string method, string path)
    {
        lock (_gate)
        {
            for (var i = 0; i < _faults.Count; i++)
            {
                var (fault, remaining) = _faults[i];
                if ((fault.Method is null || string.Equals(fault.Method, method, StringComparison.OrdinalIgnoreCase))
                    && path.Contains(fault.PathContains, StringComparison.OrdinalIgnoreCase))
                {
                    if (remaining <= 1)
                    {
                        _faults.RemoveAt(i);
                    }
                    else
                    {
                        _faults[i] = (fault, remaining - 1);
                    }

                    return fault;
                }
            }

            return null;
        }
    }

    internal (string Code, string Message)? TakeOperationFailure()
    {
        lock (_gate)
        {
            return _operationFailures.TryDequeue(out var failure) ? failure : null;
        }
    }
}
