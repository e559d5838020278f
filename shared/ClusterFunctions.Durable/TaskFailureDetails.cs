namespace ClusterFunctions.Durable;

/// <summary>Why a task or orchestration failed: exception type, message, stack trace and inner failure.</summary>
public sealed record TaskFailureDetails(
    string ErrorType,
    string ErrorMessage,
    string? StackTrace = null,
    TaskFailureDetails? InnerFailure = null,
    IDictionary<string, object?>? Properties = null)
{
    /// <summary>Builds failure details from an exception, including its inner exceptions.</summary>
    public static TaskFailureDetails FromException(Exception exception)
    {
        ArgumentNullException.ThrowIfNull(exception);
        if (exception is TaskFailedException failed)
        {
            // Keep the task's own failure as the inner failure so callers can walk the chain.
            return new TaskFailureDetails(
                exception.GetType().FullName!, exception.Message, exception.StackTrace, failed.FailureDetails);
        }

        return new TaskFailureDetails(
            exception.GetType().FullName!,
            exception.Message,
            exception.StackTrace,
            exception.InnerException is null ? null : FromException(exception.InnerException));
    }

    /// <summary>True when the failure was caused by an exception of type <typeparamref name="T"/> or a subtype.</summary>
    public bool IsCausedBy<T>()
        where T : Exception
    {
        var type = Type.GetType(ErrorType, throwOnError: false)
            ?? AppDomain.CurrentDomain.GetAssemblies().Select(a => a.GetType(ErrorType, throwOnError: false)).FirstOrDefault(t => t is not null);
        return type is not null ? typeof(T).IsAssignableFrom(type) : ErrorType == typeof(T).FullName;
    }

    /// <inheritdoc/>
    public override string ToString() => $"{ErrorType}: {ErrorMessage}";
}
