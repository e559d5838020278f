namespace ClusterFunctions.Host.Hosting;

/// <summary>Bad input to the host: the message names the field and the rule, and is shown without a stack trace.</summary>
public sealed class HostConfigurationException(string message) : Exception(message);
