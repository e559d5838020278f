namespace ClusterFunctions.Durable.CrashWorker;

/// <summary>Fans out <see cref="CrashInput.Width"/> activities, then runs one more in sequence.</summary>
public sealed class CrashFanOutOrchestrator : TaskOrchestrator<CrashInput, CrashOutput>
{
    public override async Task<CrashOutput> RunAsync(TaskOrchestrationContext context, CrashInput input)
    {
        var fanOut = Enumerable.Range(0, input.Width)
            .Select(t => context.CallActivityAsync<CrashWorkResult>(nameof(CrashWorkActivity), new CrashWorkRequest(input.Index, t)));
        var results = (await Task.WhenAll(fanOut)).ToList();
        results.Add(await context.CallActivityAsync<CrashWorkResult>(nameof(CrashWorkActivity), new CrashWorkRequest(input.Index, input.Width)));
        return new CrashOutput(results.Sum(r => r.Value), results);
    }
}
