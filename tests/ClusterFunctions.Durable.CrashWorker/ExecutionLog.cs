namespace ClusterFunctions.Durable.CrashWorker;

/// <summary>
/// Appends one line per activity execution to a file of this process's own (.NET appends by seeking to the end, so
/// two processes sharing one file could overwrite each other); lines flushed to the OS survive SIGKILL.
/// </summary>
public sealed class ExecutionLog(string pathPrefix)
{
    private readonly Lock gate = new();
    private readonly string path = $"{pathPrefix}.{Environment.ProcessId}";

    /// <summary>Records that an execution began; a start without a finish means the process died mid-activity.</summary>
    public void Started(string instanceId, int task) => Append($"S {Environment.ProcessId} {instanceId} {task} -");

    /// <summary>Records a finished execution and the nonce of its result.</summary>
    public void Finished(string instanceId, int task, string nonce) => Append($"F {Environment.ProcessId} {instanceId} {task} {nonce}");

    private void Append(string line)
    {
        lock (gate)
        {
            File.AppendAllText(path, $"{line} {DateTime.UtcNow.Ticks}\n");
        }
    }
}
