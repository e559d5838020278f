using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Messaging.Events;
using Microsoft.DurableTask;

namespace ClusterFunctions.Functions.Orchestrators;

/// <summary>
/// Tracks a build's steps in orchestration time and publishes them as custom status after every
/// change. Lives inside the orchestrator, so it only uses the context's clock.
/// </summary>
public sealed class BuildProgress(TaskOrchestrationContext context, string operation, string clusterName, string requestId, string profile)
{
    // An event not published is a subscriber waiting forever, so every failure is retried, for about 10 minutes: the
    // broker restarting or unreachable for a while must not end the build without its event.
    private static readonly TaskOptions PublishRetry = TaskOptions.FromRetryPolicy(new RetryPolicy(12, TimeSpan.FromSeconds(1), 2.0, TimeSpan.FromMinutes(2)));

    private readonly List<StepRecord> steps = [];
    private readonly Dictionary<string, string> endpoints = new(StringComparer.Ordinal);
    private readonly List<EmittedEvent> events = [];
    private bool frozen;
    private bool finished;

    public string? ProfileVersion { get; set; }

    public string? ApprovedBy { get; set; }

    /// <summary>The profile version an upgrade moves the cluster from, carried into its upgraded event.</summary>
    public string? PreviousProfileVersion { get; set; }

    /// <summary>The catalog commit the build's plan came from; null for a folder catalog.</summary>
    public string? CatalogRevision { get; set; }

    /// <summary>Why a delete runs, carried into its ClusterDeleted event ("expired"); null for one a person asked for.</summary>
    public string? Reason { get; set; }

    public FailureRecord? Failure { get; private set; }

    public IReadOnlyList<StepRecord> Steps => steps;

    public IReadOnlyDictionary<string, string> Endpoints => endpoints;

    public void Declare(IEnumerable<string> names)
    {
        foreach (var name in names.Where(n => steps.All(s => s.Name != n)))
        {
            steps.Add(new StepRecord(name, StepState.Pending, null, null, null));
        }

        Publish();
    }

    public void AddEndpoint(string name, string address)
    {
        endpoints[name] = address;
        Publish();
    }

    /// <summary>Says what a running step waits for now; ignored for a step this operation did not declare or that is not running.</summary>
    public void Await(string name, string what)
    {
        var step = steps.Find(s => s.Name == name);
        if (step is { State: StepState.Running } && step.Waiting != what)
        {
            Set(name, s => s with { Waiting = what });
        }
    }

    /// <summary>Runs one step, recording its start, end and failure; a failure becomes <see cref="StepFailedException"/>.</summary>
    public async Task<T> RunAsync<T>(string name, Func<Task<T>> step)
    {
        Set(name, s => s with { State = StepState.Running, StartedAt = Now(), Error = null });
        try
        {
            var result = await step();
            Set(name, s => s with { State = StepState.Succeeded, CompletedAt = Now(), Waiting = null });
            return result;
        }
        catch (Exception e) when (e is StepFailedException or TaskFailedException)
        {
            var cause = e is StepFailedException failed ? failed.Cause : Cause((TaskFailedException)e);
            Set(name, s => s with { State = StepState.Failed, CompletedAt = Now(), Error = cause, Waiting = null });
            throw new StepFailedException(name, cause);
        }
    }

    /// <summary>Records the failure, marks unfinished steps skipped, and freezes the record so stragglers cannot rewrite it.</summary>
    public void Fail(string step, string cause, IReadOnlyList<string> cleanedUp)
    {
        Failure = new FailureRecord(step, cause, cleanedUp);
        foreach (var open in steps.Where(s => s.State is StepState.Pending or StepState.Running).ToList())
        {
            Set(open.Name, s => s with { State = StepState.Skipped, Waiting = null, CompletedAt = s.StartedAt is null ? null : Now(), Error = s.StartedAt is null ? null : $"stopped: step {step} failed" });
        }

        frozen = true;
        Publish();
    }

    /// <summary>Marks the operation done (before its completion event goes out) and freezes the record.</summary>
    public void Finish()
    {
        finished = true;
        frozen = true;
        Publish();
    }

    /// <summary>Publishes an event of this operation and records it in the status (after the record is frozen, too: it only adds).</summary>
    public async Task EmitAsync(string eventType)
    {
        // The event's activity may start before the engine has stored this checkpoint's status, so it waits to read the
        // status finished (what every completion event announces) before it publishes.
        var data = EventData();
        await context.CallActivityAsync<string>(nameof(PublishClusterEventActivity), new PublishClusterEventRequest(eventType, data, finished ? context.InstanceId : null), PublishRetry);
        events.Add(new EmittedEvent(eventType, ClusterCloudEvents.IdFor(eventType, data), Now()));
        Publish();
    }

    public ClusterEventData EventData() => new(requestId, clusterName, profile, ProfileVersion ?? "", steps.ToList(), new Dictionary<string, string>(endpoints), Failure) { ApprovedBy = ApprovedBy, Reason = Reason, PreviousProfileVersion = PreviousProfileVersion };

    /// <summary>The innermost failure message: what the activity itself said, without wrapper prefixes.</summary>
    private static string Cause(TaskFailedException e)
    {
        var details = e.FailureDetails;
        while (details.InnerFailure is { } inner && details.ErrorType.EndsWith(nameof(TaskFailedException), StringComparison.Ordinal))
        {
            details = inner;
        }

        return details.ErrorMessage;
    }

    private DateTimeOffset Now() => new(context.CurrentUtcDateTime, TimeSpan.Zero);

    private void Set(string name, Func<StepRecord, StepRecord> change)
    {
        if (frozen)
        {
            return;
        }

        var index = steps.FindIndex(s => s.Name == name);
        if (index < 0)
        {
            steps.Add(change(new StepRecord(name, StepState.Pending, null, null, null)));
        }
        else
        {
            steps[index] = change(steps[index]);
        }

        Publish();
    }

    private void Publish() => context.SetCustomStatus(StatusBudget.Fit(new ClusterBuildStatus(operation, clusterName, requestId, profile, ProfileVersion,
        steps.ToList(), new Dictionary<string, string>(endpoints), Failure, finished, ApprovedBy, events.ToList(), CatalogRevision)));
}
