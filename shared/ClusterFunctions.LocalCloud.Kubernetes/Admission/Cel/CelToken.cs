namespace ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

/// <summary>One lexical token: its kind ("ident", "string", "int", "double", "op", "end"), text and value.</summary>
internal sealed record CelToken(string Kind, string Text, object? Value, int Position);
