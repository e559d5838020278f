using ClusterFunctions.Functions.Activities;

namespace ClusterFunctions.Functions.Tests;

public class InActivityWaitTests
{
    [Fact]
    public async Task AWaitCancelledBetweenReads_AnswersWithItsLastRead_InsteadOfFailingTheActivity()
    {
        using var stopping = new CancellationTokenSource();
        var reads = 0;

        string answer = await InActivityWait.ReadAsync(
            _ =>
            {
                reads++;
                stopping.Cancel(); // the worker starts stopping while the wait is between reads
                return Task.FromResult("not ready");
            },
            read => read == "ready", TimeSpan.FromMinutes(1), TimeSpan.FromSeconds(10), TimeProvider.System, stopping.Token)
            .WaitAsync(TimeSpan.FromSeconds(5));

        Assert.Equal("not ready", answer);
        Assert.Equal(1, reads);
    }

    [Fact]
    public async Task AnInfrastructureWait_ReadsAtAzureCoresPollingPace_ThenEveryPollInterval()
    {
        var time = new SteppedClock();
        var readAt = new List<double>();

        var waiting = InActivityWait.ReadAsync(
            waited =>
            {
                readAt.Add(waited.TotalSeconds);
                return Task.FromResult("Creating");
            },
            state => state == "Succeeded", TimeSpan.FromMinutes(1), reads => GetInfrastructureStateActivity.IntervalAfter(reads, TimeSpan.FromSeconds(10)), time);
        Assert.Equal("Creating", await time.RunAsync(waiting));
        Assert.Equal([0, 1, 2, 3, 5, 9, 17, 27, 37, 47, 57], readAt);
    }

    [Fact]
    public void TheInfrastructurePace_NeverExceedsThePollInterval()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(50), GetInfrastructureStateActivity.IntervalAfter(1, TimeSpan.FromMilliseconds(50)));
        Assert.Equal(TimeSpan.FromSeconds(10), GetInfrastructureStateActivity.IntervalAfter(1000, TimeSpan.FromSeconds(10)));
    }
}
