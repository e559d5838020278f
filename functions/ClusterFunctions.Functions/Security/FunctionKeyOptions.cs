namespace ClusterFunctions.Functions.Security;

/// <summary>One function key: its secret value and the roles of whoever presents it.</summary>
public sealed class FunctionKeyOptions
{
    public string Value { get; set; } = "";

    /// <summary>The roles, e.g. developer or platform and approver; configured as "a,b" or as Roles:0, Roles:1.</summary>
    public IReadOnlyList<string> Roles { get; set; } = [];
}
