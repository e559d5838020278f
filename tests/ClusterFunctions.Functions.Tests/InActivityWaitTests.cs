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
}
