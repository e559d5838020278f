using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ClusterFunctions.Host.TestApp;

/// <summary>Fans out one activity per requested item and sums their results.</summary>
public static class FanOutOrchestrator
{
    [Function(nameof(FanOutOrchestrator))]
    public static async Task<FanOutResult> RunAsync([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        FanOutRequest request = context.GetInput<FanOutRequest>() ?? new FanOutRequest(5, CrashWorkerAt: null);
        var tasks = Enumerable.Range(1, request.Count)
            .Select(i => context.CallActivityAsync<int>(nameof(SquareActivity), new SquareRequest(i, request.CrashWorkerAt == i)))
            .ToList();
        int[] squares = await Task.WhenAll(tasks);
        return new FanOutResult(squares.Sum(), squares.Length);
    }
}
