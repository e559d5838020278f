namespace ClusterFunctions.Messaging.Listener;

/// <summary>What a decoder made of a message: the value, or field errors such as "clusterName: must match ^[a-z][a-z0-9]{0,11}$".</summary>
public sealed record ValidationResult<T>(T? Value, IReadOnlyList<string> Errors)
{
    /// <summary>True when there is a value and no error.</summary>
    public bool IsValid => Errors.Count == 0 && Value is not null;

    /// <summary>A valid result.</summary>
    public static ValidationResult<T> Valid(T value) => new(value, []);

    /// <summary>An invalid result with one error per field.</summary>
    public static ValidationResult<T> Invalid(IEnumerable<string> errors)
    {
        var list = errors.ToList();
        return new(default, list.Count == 0 ? ["message: rejected without a reason"] : list);
    }

    /// <summary>An invalid result.</summary>
    public static ValidationResult<T> Invalid(params string[] errors) => Invalid((IEnumerable<string>)errors);
}
