using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Worker;

/// <summary>Logs a child's console output and keeps its last lines, so a start failure can say what the child said.</summary>
internal sealed class ProcessOutputTail
{
    private const int Kept = 8;
    private readonly ConcurrentQueue<string> _lines = new();

    public ProcessOutputTail(Process process, ILogger log)
    {
        void Take(object? sender, DataReceivedEventArgs e)
        {
            if (string.IsNullOrEmpty(e.Data))
            {
                return;
            }

            _lines.Enqueue(e.Data);
            while (_lines.Count > Kept && _lines.TryDequeue(out _))
            {
            }

            log.LogDebug("worker {ProcessId}: {Line}", process.Id, e.Data);
        }

        process.OutputDataReceived += Take;
        process.ErrorDataReceived += Take;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public string Tail() => _lines.IsEmpty ? "(no output)" : string.Join(" | ", _lines);
}
