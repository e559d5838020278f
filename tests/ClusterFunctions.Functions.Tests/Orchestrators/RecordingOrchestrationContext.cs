using Microsoft.DurableTask;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Functions.Tests.Orchestrators;

/// <summary>
/// An orchestration context that runs flow code without the engine: it records what the code asks of the engine, in
/// order ("activity NAME", "timer", and what <paramref name="describeStatus"/> makes of each custom status), answers
/// activities with <paramref name="answer"/> and fires timers at once. The order is what the engine would write to
/// history, so it is what a replay has to meet.
/// </summary>
internal sealed class RecordingOrchestrationContext(Func<string, Type, object?> answer, Func<object?, string?>? describeStatus = null) : TaskOrchestrationContext
{
    public List<string> Calls { get; } = [];

    /// <summary>Each activity's input, in the order they were called.</summary>
    public List<object?> ActivityInputs { get; } = [];

    public override TaskName Name => "test";

    public override string InstanceId => "cluster-test";

    public override ParentOrchestrationInstance? Parent => null;

    public override DateTime CurrentUtcDateTime => new(2026, 12, 5, 0, 0, 0, DateTimeKind.Utc);

    public override bool IsReplaying => false;

    protected override ILoggerFactory LoggerFactory => NullLoggerFactory.Instance;

    public override T? GetInput<T>() where T : default => default;

    /// <summary>Awaited before an activity is answered, so a test can hold one activity until another is called; none by default.</summary>
    public Func<string, Task>? Hold { get; init; }

    public override async Task<TResult> CallActivityAsync<TResult>(TaskName name, object? input = null, TaskOptions? options = null)
    {
        Calls.Add($"activity {name.Name}");
        ActivityInputs.Add(input);
        if (Hold is not null)
        {
            await Hold(name.Name);
        }

        return (TResult)answer(name.Name, typeof(TResult))!;
    }

    public override Task CreateTimer(DateTime fireAt, CancellationToken cancellationToken)
    {
        Calls.Add("timer");
        return Task.CompletedTask;
    }

    public override void SetCustomStatus(object? customStatus)
    {
        if (describeStatus?.Invoke(customStatus) is { } described)
        {
            Calls.Add(described);
        }
    }

    public override Task<T> WaitForExternalEvent<T>(string eventName, CancellationToken cancellationToken = default) => throw new NotSupportedException();

    public override void SendEvent(string instanceId, string eventName, object payload) => throw new NotSupportedException();

    public override Task<TResult> CallSubOrchestratorAsync<TResult>(TaskName orchestratorName, object? input = null, TaskOptions? options = null) =>
        throw new NotSupportedException();

    public override void ContinueAsNew(object? newInput = null, bool preserveUnprocessedEvents = true) => throw new NotSupportedException();

    public override Guid NewGuid() => Guid.Empty;
}
