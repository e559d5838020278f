using System.Text;

namespace ClusterFunctions.Core.Events;

/// <summary>
/// How a terminated build reads to its callers and subscribers. A terminated orchestration runs no more code, so its
/// steps and failure are derived from what it last recorded: the step that was running failed with the termination's
/// reason, the steps it had not reached are skipped.
/// </summary>
public static class BuildTermination
{
    /// <summary>How every termination reason starts, whoever terminated the build.</summary>
    public const string Prefix = "terminated by ";

    /// <summary>The longest reason kept (the cancel route's own text is shorter); the rest is cut.</summary>
    public const int MaxReasonLength = 2048;

    private const string ByOperator = "terminated by an operator";

    /// <summary>The reason the cancel route gives the engine: who cancelled, and why when they said.</summary>
    public static string ByCaller(string caller, string? reason) =>
        Clean(string.IsNullOrWhiteSpace(reason) ? $"{Prefix}{caller}" : $"{Prefix}{caller}: {reason.Trim()}");

    /// <summary>
    /// The reason as users read it from what the engine stored: the cancel route's text as it is; anything else (the
    /// management API's <c>?reason=</c>, a Durable client's output) came from someone holding the host's system key.
    /// </summary>
    public static string Reason(string? stored)
    {
        var text = Clean(stored ?? "");
        return text.StartsWith(Prefix, StringComparison.Ordinal) ? text
            : text.Length == 0 ? ByOperator
            : Clean($"{ByOperator}: {text}");
    }

    /// <summary>The reason of a build whose orchestration itself failed (outside its own error handling, so it could
    /// not record a failed step or announce one): the engine's error, on one bounded line.</summary>
    public static string Unexpected(string? error) =>
        Clean($"the build stopped unexpectedly: {(string.IsNullOrWhiteSpace(error) ? "the engine recorded no error" : error)}");

    /// <summary>
    /// The steps and the failure of a build terminated at <paramref name="terminatedAt"/>. The failure names the step that
    /// was running (the first, when bundles ran side by side), else one that had failed, else the next not started, else
    /// <paramref name="firstStep"/> for a build stopped before it recorded any.
    /// </summary>
    public static (IReadOnlyList<StepRecord> Steps, FailureRecord Failure) Record(
        IReadOnlyList<StepRecord> steps, string reason, DateTimeOffset terminatedAt, string firstStep, IReadOnlyList<string> cleanedUp)
    {
        ArgumentNullException.ThrowIfNull(steps);
        var named = steps.FirstOrDefault(s => s.State == StepState.Running)
            ?? steps.FirstOrDefault(s => s.State == StepState.Failed)
            ?? steps.FirstOrDefault(s => s.State == StepState.Pending);
        var step = named?.Name ?? firstStep;
        var recorded = steps.Select(s => s.State switch
        {
            StepState.Running when s.Name == step => s with { State = StepState.Failed, CompletedAt = terminatedAt, Error = reason, Waiting = null },
            StepState.Running => s with { State = StepState.Skipped, CompletedAt = terminatedAt, Error = $"stopped: {reason}", Waiting = null },
            StepState.Pending => s with { State = StepState.Skipped },
            _ => s,
        }).ToList();
        return (recorded, new FailureRecord(step, reason, cleanedUp));
    }

    /// <summary>One line of bounded length: control characters (a newline in a reason) become spaces.</summary>
    private static string Clean(string text)
    {
        var line = new StringBuilder(Math.Min(text.Length, MaxReasonLength));
        foreach (var c in text.Trim())
        {
            if (line.Length == MaxReasonLength)
            {
                break;
            }

            line.Append(char.IsControl(c) ? ' ' : c);
        }

        return line.ToString();
    }
}
