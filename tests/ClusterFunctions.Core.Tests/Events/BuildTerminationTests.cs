using ClusterFunctions.Core.Events;

namespace ClusterFunctions.Core.Tests.Events;

/// <summary>How a terminated build reads: who terminated it, and which step it stopped in.</summary>
public class BuildTerminationTests
{
    private static readonly DateTimeOffset Started = DateTimeOffset.Parse("2026-12-04T10:00:00Z");
    private static readonly DateTimeOffset Terminated = Started.AddMinutes(3);

    [Fact]
    public void Reason_WrittenByTheCancelRoute_IsKeptAsItIs()
    {
        Assert.Equal("terminated by key:alice: no longer needed", BuildTermination.Reason(BuildTermination.ByCaller("key:alice", " no longer needed ")));
        Assert.Equal("terminated by key:alice", BuildTermination.ByCaller("key:alice", null));
    }

    [Theory]
    [InlineData("stuck in ARM", "terminated by an operator: stuck in ARM")]
    [InlineData("", "terminated by an operator")]
    [InlineData(null, "terminated by an operator")]
    [InlineData("line one\nline two", "terminated by an operator: line one line two")]
    public void Reason_StoredByAnyoneElse_IsCreditedToAnOperatorOnOneLine(string? stored, string expected)
    {
        Assert.Equal(expected, BuildTermination.Reason(stored));
    }

    [Fact]
    public void Reason_Overlong_IsCut()
    {
        Assert.Equal(BuildTermination.MaxReasonLength, BuildTermination.Reason(new string('x', 10_000)).Length);
    }

    [Fact]
    public void Record_BuildInItsInfrastructureStep_FailsThatStepWithTheReasonAndSkipsTheStepsNotReached()
    {
        StepRecord[] steps =
        [
            new("plan", StepState.Succeeded, Started, Started, null),
            new("infrastructure", StepState.Running, Started, null, null, "Azure Resource Manager: managed cluster demo is Creating (2 min of 60 min)"),
            new("namespaces", StepState.Pending, null, null, null),
        ];

        var (recorded, failure) = BuildTermination.Record(steps, "terminated by key:alice", Terminated, "plan", ["nothing"]);

        Assert.Equal("infrastructure", failure.Step);
        Assert.Equal("terminated by key:alice", failure.Cause);
        Assert.Equal(steps[0], recorded[0]);
        Assert.Equal(new StepRecord("infrastructure", StepState.Failed, Started, Terminated, "terminated by key:alice"), recorded[1]);
        Assert.Equal(new StepRecord("namespaces", StepState.Skipped, null, null, null), recorded[2]);
    }

    [Fact]
    public void Record_BundlesRunningSideBySide_NamesTheFirstAndStopsTheOthers()
    {
        StepRecord[] steps = [new("app/redis", StepState.Running, Started, null, null), new("app/kafka", StepState.Running, Started, null, null)];

        var (recorded, failure) = BuildTermination.Record(steps, "terminated by an operator", Terminated, "plan", []);

        Assert.Equal("app/redis", failure.Step);
        Assert.Equal(StepState.Failed, recorded[0].State);
        Assert.Equal(new StepRecord("app/kafka", StepState.Skipped, Started, Terminated, "stopped: terminated by an operator"), recorded[1]);
    }

    [Fact]
    public void Record_BuildThatRecordedNoStep_NamesTheFirstStep()
    {
        var (recorded, failure) = BuildTermination.Record([], "terminated by an operator", Terminated, "plan", []);

        Assert.Empty(recorded);
        Assert.Equal("plan", failure.Step);
    }
}
