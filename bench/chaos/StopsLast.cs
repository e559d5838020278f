namespace ClusterFunctions.Bench.Chaos;

/// <summary>Stops the world after the verdict: a part that fails to stop is reported, and fails the run, but does not
/// hide what the checks found.</summary>
internal sealed class StopsLast(ChaosWorld world) : IAsyncDisposable
{
    public static bool Failed { get; private set; }

    public async ValueTask DisposeAsync()
    {
        try
        {
            await world.DisposeAsync();
        }
        catch (Exception e)
        {
            Failed = true;
            Console.WriteLine($"stopping the instances, Azurite or LocalCloud failed: {e.GetType().Name}: {e.Message}");
        }
    }
}
