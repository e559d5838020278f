using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests;

public class StatusBudgetTests
{
    [Fact]
    public void Fit_LongErrorsOnEveryStep_StaysUnderTheEngineLimitAndKeepsTheStartOfEachText()
    {
        // What a LocalCloud restart produced: Azure.Core listing every refused try, on the failed step and the cause.
        string retries = "Retry failed after 4 tries. " + string.Concat(Enumerable.Repeat("(Connection refused (127.0.0.1:40745)) ", 200));
        var steps = Enumerable.Range(0, 14).Select(i => new StepRecord($"step-{i}", StepState.Failed, DateTimeOffset.UnixEpoch, DateTimeOffset.UnixEpoch,
            retries, Waiting: retries)).ToList();
        var status = new ClusterBuildStatus("create", "c1", "r1", "developer", "v1", steps, new Dictionary<string, string>(),
            new FailureRecord("step-3", retries, ["resource group rg-c1"]));
        Assert.True(StatusBudget.Size(status) > 16_384 / 2, "the test status must start over the engine's limit");

        ClusterBuildStatus fitted = StatusBudget.Fit(status);

        Assert.True(StatusBudget.Size(fitted) <= StatusBudget.MaxCharacters, $"status is {StatusBudget.Size(fitted)} characters");
        Assert.All(fitted.Steps, s => Assert.StartsWith("Retry failed after 4 tries. (Connection refused", s.Error));
        Assert.Matches(@"… \(\d+ more characters\)$", fitted.Failure!.Cause);
        Assert.Equal("step-3", fitted.Failure.Step);
    }

    [Fact]
    public void Fit_ShortTexts_AreLeftAsTheyAre()
    {
        var status = new ClusterBuildStatus("create", "c1", "r1", "developer", "v1",
            [new StepRecord("infrastructure", StepState.Running, DateTimeOffset.UnixEpoch, null, null, "ARM: Creating (40 s of 20 min)")],
            new Dictionary<string, string>(), null);

        Assert.Equal(StatusBudget.Size(status), StatusBudget.Size(StatusBudget.Fit(status)));
    }
}
