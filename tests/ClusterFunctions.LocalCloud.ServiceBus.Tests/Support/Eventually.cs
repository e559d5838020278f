namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

/// <summary>Waits for a condition that an asynchronous peer makes true (a fire-and-forget settlement), failing after a generous guard.</summary>
internal static class Eventually
{
    public static async Task TrueAsync(Func<bool> condition, string what)
    {
        using var guard = new CancellationTokenSource(TimeSpan.FromSeconds(10));
        while (!condition())
        {
            if (guard.IsCancellationRequested)
            {
                Assert.Fail($"timed out waiting until {what}");
            }

            await Task.Delay(5);
        }
    }
}
