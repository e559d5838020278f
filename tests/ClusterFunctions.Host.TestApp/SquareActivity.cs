using Microsoft.Azure.Functions.Worker;

namespace ClusterFunctions.Host.TestApp;

/// <summary>Squares a number; can crash the worker process once, to prove the host re-sends in-flight work.</summary>
public static class SquareActivity
{
    [Function(nameof(SquareActivity))]
    public static int Run([ActivityTrigger] SquareRequest request)
    {
        if (request.CrashWorker && CrashMarker.TryClaim($"square-{request.Value}"))
        {
            Environment.FailFast("TestApp: crashing the worker on purpose inside an activity");
        }

        return request.Value * request.Value;
    }
}
