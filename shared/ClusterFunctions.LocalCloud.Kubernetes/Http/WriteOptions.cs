namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>Who writes, under which field manager, and whether the write is a dry run.</summary>
internal sealed record WriteOptions(EmulatorIdentity User, string Manager, bool DryRun);
