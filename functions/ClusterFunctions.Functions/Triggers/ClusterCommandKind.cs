namespace ClusterFunctions.Functions.Triggers;

/// <summary>What a queue message asks for, from its subject.</summary>
public enum ClusterCommandKind
{
    Create,
    Delete,
    Approve,
    Deny,
}
