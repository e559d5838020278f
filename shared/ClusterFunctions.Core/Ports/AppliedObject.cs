namespace ClusterFunctions.Core.Ports;

/// <summary>One applied object, what happened to it, and its resourceVersion afterwards.</summary>
public sealed record AppliedObject(KubernetesObjectRef Object, ApplyOutcome Outcome, string ResourceVersion);
