namespace ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

/// <summary>A CEL compile or evaluation error, with the message CEL itself gives (e.g. "no such key: labels").</summary>
internal sealed class CelException(string message) : Exception(message);
