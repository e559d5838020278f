namespace ClusterFunctions.Functions.Triggers;

/// <summary>A queue message read as a command, or why not: the dead-letter reason and the field errors.</summary>
public sealed record DecodedCommand(ClusterCommand? Value, string Reason, IReadOnlyList<string> Errors)
{
    public bool IsValid => Value is not null;

    public static DecodedCommand Valid(ClusterCommand command) => new(command, "", []);

    public static DecodedCommand Invalid(string reason, IEnumerable<string> errors) => new(null, reason, errors.ToList());
}
