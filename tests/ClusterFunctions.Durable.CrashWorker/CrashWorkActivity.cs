namespace ClusterFunctions.Durable.CrashWorker;

/// <summary>
/// Does a little work, then records its execution (process, task, nonce) in an append-only log before returning,
/// so the test can tell which executions existed and which one's result the orchestration used.
/// </summary>
public sealed class CrashWorkActivity(ExecutionLog log) : TaskActivity<CrashWorkRequest, CrashWorkResult>
{
    public override async Task<CrashWorkResult> RunAsync(TaskActivityContext context, CrashWorkRequest input)
    {
        log.Started(context.InstanceId, input.Task);
        await Task.Delay(Random.Shared.Next(20, 120), context.CancellationToken);
        var nonce = Guid.NewGuid().ToString("N");
        log.Finished(context.InstanceId, input.Task, nonce);
        return new CrashWorkResult(input.Task, (input.Index * 1000L) + input.Task, nonce);
    }
}
