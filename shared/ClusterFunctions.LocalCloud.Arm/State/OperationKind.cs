namespace ClusterFunctions.LocalCloud.Arm.State;

/// <summary>The long-running operations a managed cluster can run.</summary>
internal enum OperationKind
{
    Create,
    Update,
    Delete,
}
