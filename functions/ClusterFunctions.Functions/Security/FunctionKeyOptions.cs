namespace ClusterFunctions.Functions.Security;

/// <summary>One function key: its secret value and the roles of whoever presents it.</summary>
public sealed class FunctionKeyOptions
{
    public string Value { get; set; } = "";

    /// <summary>Comma-separated roles, e.g. "developer" or "platform,approver".</summary>
    public string Roles { get; set; } = "";
}
