namespace ClusterFunctions.Host.Functions;

/// <summary>The worker ran the function and it failed; the message carries the worker's exception.</summary>
public sealed class FunctionFailedException(string functionName, string message) : Exception(message)
{
    public string FunctionName { get; } = functionName;
}
