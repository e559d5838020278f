using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Status;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.DurableTask.Converters;

namespace ClusterFunctions.Functions.Tests.Status;

/// <summary>What a terminated build owes its subscribers, read from what the engine kept of it.</summary>
public class TerminatedBuildsTests
{
    private static readonly DateTimeOffset Started = DateTimeOffset.Parse("2026-12-04T10:00:00Z");
    private static readonly DateTimeOffset Terminated = Started.AddMinutes(2);
    private static readonly DataConverter Converter = JsonDataConverter.Default;

    private static ClusterBuildStatus Status(bool finished = false, IReadOnlyList<EmittedEvent>? events = null, FailureRecord? failure = null) => new(
        "create", "demo", "r-1", "developer", "v1",
        [new StepRecord("plan", StepState.Succeeded, Started, Started, null), new StepRecord("infrastructure", finished ? StepState.Succeeded : StepState.Running, Started, null, null, "ARM: Creating")],
        new Dictionary<string, string>(), failure, finished, null, events);

    private static OrchestrationMetadata Build(ClusterBuildStatus? status, string? output, string? input = null) => new(nameof(CreateCompleteClusterOrchestrator), "cluster-demo")
    {
        DataConverter = Converter,
        RuntimeStatus = OrchestrationRuntimeStatus.Terminated,
        LastUpdatedAt = Terminated,
        SerializedCustomStatus = status is null ? null : Converter.Serialize(status),
        SerializedOutput = output,
        SerializedInput = input,
    };

    [Theory]
    [InlineData("stuck in ARM", "terminated by an operator: stuck in ARM")] // the management API's ?reason=, stored as sent
    [InlineData("\"terminated by key:alice: not needed\"", "terminated by key:alice: not needed")] // a Durable client's output, JSON-encoded
    public void OwedEvent_BuildTerminatedInItsInfrastructureStep_IsAClusterFailedNamingTheStepAndWhoTerminatedIt(string output, string cause)
    {
        var owed = TerminatedBuilds.OwedEvent(Build(Status(), output));

        Assert.Equal(ClusterEventTypes.Failed, owed!.EventType);
        Assert.Equal("infrastructure", owed.Data.Failure!.Step);
        Assert.Equal(cause, owed.Data.Failure.Cause);
        Assert.Equal(StepState.Failed, owed.Data.Steps.Single(s => s.Name == "infrastructure").State);
        Assert.Equal(("r-1", "demo", "v1"), (owed.Data.RequestId, owed.Data.ClusterName, owed.Data.ProfileVersion));
    }

    [Fact]
    public void OwedEvent_BuildWhoseOrchestrationFailedOnItsOwn_IsAClusterFailedNamingTheStepAndTheEngineError()
    {
        var crashed = new OrchestrationMetadata(nameof(CreateCompleteClusterOrchestrator), "cluster-demo")
        {
            DataConverter = Converter,
            RuntimeStatus = OrchestrationRuntimeStatus.Failed,
            LastUpdatedAt = Terminated,
            SerializedCustomStatus = Converter.Serialize(Status()),
            FailureDetails = new TaskFailureDetails("System.ArgumentException", "CustomStatus is too large: limit = 16 KB (UTF-16), actual = 26.96 KB.", null, null, null),
        };

        var owed = TerminatedBuilds.OwedEvent(crashed);

        Assert.True(TerminatedBuilds.EndedAbruptly(crashed));
        Assert.Equal(ClusterEventTypes.Failed, owed!.EventType);
        Assert.Equal("infrastructure", owed.Data.Failure!.Step);
        Assert.Equal("the build stopped unexpectedly: System.ArgumentException: CustomStatus is too large: limit = 16 KB (UTF-16), actual = 26.96 KB.",
            owed.Data.Failure.Cause);
    }

    [Fact]
    public void OwedEvent_BuildThatAnnouncedItsOutcome_IsNothing()
    {
        var failed = new FailureRecord("app/redis", "refused", []);
        var announced = Status(finished: true, events: [new EmittedEvent(ClusterEventTypes.Failed, "id", Terminated)], failure: failed);

        Assert.Null(TerminatedBuilds.OwedEvent(Build(announced, "late")));
    }

    [Fact]
    public void OwedEvent_BuildTerminatedWhilePublishingItsReadyEvent_IsThatEventWithTheSameId()
    {
        var finished = Status(finished: true);
        var publishing = new ClusterEventData("r-1", "demo", "developer", "v1", finished.Steps, finished.Endpoints, null);

        var owed = TerminatedBuilds.OwedEvent(Build(finished, "too late"));

        Assert.Equal(ClusterEventTypes.Ready, owed!.EventType);
        Assert.Equal(Messaging.Events.ClusterCloudEvents.IdFor(ClusterEventTypes.Ready, publishing), Messaging.Events.ClusterCloudEvents.IdFor(owed.EventType, owed.Data));
    }

    [Fact]
    public void OwedEvent_BuildTerminatedBeforeItRan_NamesThePlanStepFromItsInput()
    {
        var input = Converter.Serialize(new CreateClusterInput(new ClusterRequest("r-2", "early", "testing"), new BuildTimings(TimeSpan.Zero, TimeSpan.Zero, TimeSpan.Zero)));

        var owed = TerminatedBuilds.OwedEvent(Build(null, null, input));

        Assert.Equal(("r-2", "early", "testing"), (owed!.Data.RequestId, owed.Data.ClusterName, owed.Data.Profile));
        Assert.Equal(("plan", "terminated by an operator"), (owed.Data.Failure!.Step, owed.Data.Failure.Cause));
        Assert.Empty(owed.Data.Failure.CleanedUp);
    }

    [Fact]
    public void OwedEvent_InstanceThatIsNotABuild_IsNothing()
    {
        Assert.Null(TerminatedBuilds.OwedEvent(Build(null, null, "{\"something\":\"else\"}")));
        Assert.Null(TerminatedBuilds.OwedEvent(Build(null, null, "not json")));
    }
}
