namespace ClusterFunctions.Core.Catalog.Yaml;

/// <summary>A YAML document that is malformed or breaks a <see cref="YamlLimits"/> bound; the message says which.</summary>
public sealed class YamlDocumentException(string message) : Exception(message);
