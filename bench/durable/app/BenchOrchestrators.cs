using Microsoft.Azure.Functions.Worker;
using Microsoft.DurableTask;

namespace ClusterFunctions.Bench.DurableApp;

/// <summary>The orchestration shapes the benchmark measures; each returns a value the benchmark checks.</summary>
public static class BenchOrchestrators
{
    /// <summary>N activities one after another; returns N.</summary>
    [Function(nameof(SequenceOrchestrator))]
    public static async Task<int> SequenceOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        int count = context.GetInput<int>();
        int done = 0;
        for (int i = 0; i < count; i++)
        {
            done += await context.CallActivityAsync<int>(nameof(EchoActivity), 1);
        }

        return done;
    }

    /// <summary>N activities at once, summed; returns 1 + … + N.</summary>
    [Function(nameof(FanOutOrchestrator))]
    public static async Task<long> FanOutOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context)
    {
        int count = context.GetInput<int>();
        int[] values = await Task.WhenAll(Enumerable.Range(1, count).Select(i => context.CallActivityAsync<int>(nameof(EchoActivity), i)));
        return values.Sum(v => (long)v);
    }

    /// <summary>No work at all: how fast an idle hub notices a new orchestration.</summary>
    [Function(nameof(NoopOrchestrator))]
    public static int NoopOrchestrator([OrchestrationTrigger] TaskOrchestrationContext context) => context.GetInput<int>();

    [Function(nameof(EchoActivity))]
    public static int EchoActivity([ActivityTrigger] int value) => value;
}
