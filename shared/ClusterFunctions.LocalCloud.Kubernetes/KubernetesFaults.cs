using ClusterFunctions.LocalCloud.Kubernetes.Http;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes;

/// <summary>
/// Fault injection for tests: fail the next N matching requests with a status code, slow them down,
/// or drop every open watch stream. Thread-safe; rules are consumed in the order they were added.
/// </summary>
public sealed class KubernetesFaults
{
    private readonly Lock _gate = new();
    private readonly List<Rule> _rules = [];
    private Action? _dropWatches;
    private TaskCompletionSource _allConsumed = Consumed();

    /// <summary>Makes the next <paramref name="count"/> requests whose path contains <paramref name="pathContains"/> (and method, when given) fail with <paramref name="statusCode"/>.</summary>
    public void FailRequests(int statusCode, int count = 1, string? pathContains = null, string? method = null)
    {
        if (statusCode is < 400 or > 599)
        {
            throw new ArgumentOutOfRangeException(nameof(statusCode), statusCode, "statusCode must be an HTTP error status (400-599).");
        }

        Add(new Rule(statusCode, TimeSpan.Zero, count, pathContains, method));
    }

    /// <summary>Delays the next <paramref name="count"/> matching requests by <paramref name="delay"/> (on the emulator's TimeProvider) before serving them.</summary>
    public void DelayRequests(TimeSpan delay, int count = 1, string? pathContains = null, string? method = null)
    {
        ArgumentOutOfRangeException.ThrowIfLessThanOrEqual(delay, TimeSpan.Zero);
        Add(new Rule(null, delay, count, pathContains, method));
    }

    /// <summary>Ends every open watch stream now, as a dropped connection would; clients must re-watch.</summary>
    public void DropWatches() => _dropWatches?.Invoke();

    /// <summary>Number of injected faults not yet consumed.</summary>
    public int Pending
    {
        get
        {
            lock (_gate)
            {
                return _rules.Sum(r => r.Remaining);
            }
        }
    }

    /// <summary>
    /// Completes once every injected fault has been consumed: a delayed request's timer has started, a failed one's
    /// status is chosen. A test can then advance a fake clock past the delay without polling <see cref="Pending"/>.
    /// </summary>
    public Task WhenAllConsumedAsync(CancellationToken cancellationToken = default)
    {
        lock (_gate)
        {
            return _allConsumed.Task.WaitAsync(cancellationToken);
        }
    }

    internal void Attach(Action dropWatches) => _dropWatches = dropWatches;

    /// <summary>Applies the first matching rule; returns true when the request was answered with a fault.</summary>
    internal async Task<bool> TryInjectAsync(HttpContext context, TimeProvider time, CancellationToken cancellationToken)
    {
        Rule? rule;
        Task delay = Task.CompletedTask;
        lock (_gate)
        {
            rule = _rules.FirstOrDefault(r => r.Matches(context.Request));
            if (rule is null)
            {
                return false;
            }

            // The timer starts before the rule counts as consumed, so a test that waits for
            // Pending == 0 and then advances a fake clock cannot advance it too early.
            if (rule.Delay > TimeSpan.Zero)
            {
                delay = Task.Delay(rule.Delay, time, cancellationToken);
            }

            if (--rule.Remaining == 0)
            {
                _rules.Remove(rule);
                if (_rules.Count == 0)
                {
                    _allConsumed.TrySetResult();
                }
            }
        }

        await delay;
        if (rule.StatusCode is not { } code)
        {
            return false;
        }

        var reason = code switch { 429 => "TooManyRequests", 503 => "ServiceUnavailable", 504 => "Timeout", >= 500 => "InternalError", _ => "BadRequest" };
        if (code is 429 or 503)
        {
            context.Response.Headers.RetryAfter = "1";
        }

        await HttpJson.WriteAsync(context.Response, code, StatusErrors.Status(code, reason, $"injected fault: {code} {reason}"), cancellationToken);
        return true;
    }

    private void Add(Rule rule)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(rule.Remaining, 1, "count");
        lock (_gate)
        {
            if (_rules.Count == 0)
            {
                _allConsumed = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            }

            _rules.Add(rule);
        }
    }

    private static TaskCompletionSource Consumed()
    {
        var signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        signal.SetResult();
        return signal;
    }

    private sealed class Rule(int? statusCode, TimeSpan delay, int count, string? pathContains, string? method)
    {
        public int? StatusCode { get; } = statusCode;

        public TimeSpan Delay { get; } = delay;

        public int Remaining { get; set; } = count;

        public bool Matches(HttpRequest request) =>
            (pathContains is null || (request.Path.Value ?? "").Contains(pathContains, StringComparison.Ordinal))
            && (method is null || string.Equals(method, request.Method, StringComparison.OrdinalIgnoreCase));
    }
}
