using System.Text;

namespace ClusterFunctions.Cli.Tests;

/// <summary>A captured console stream that fires <see cref="Seen"/> once the text it waits for has been written, so a test can act at that moment (press Ctrl+C) without sleeping.</summary>
internal sealed class SignallingWriter(string awaited) : StringWriter
{
    private readonly TaskCompletionSource seen = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public Task Seen => seen.Task;

    public override Encoding Encoding => Encoding.UTF8;

    public override void Write(char value)
    {
        base.Write(value);
        Check();
    }

    public override void Write(string? value)
    {
        base.Write(value);
        Check();
    }

    public override void WriteLine(string? value)
    {
        base.WriteLine(value);
        Check();
    }

    private void Check()
    {
        if (!seen.Task.IsCompleted && ToString().Contains(awaited, StringComparison.Ordinal))
        {
            seen.TrySetResult();
        }
    }
}
