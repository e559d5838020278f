using Newtonsoft.Json.Linq;

namespace ClusterFunctions.Host.Functions;

/// <summary>Runs a worker function once the engine has bound its trigger and inputs.</summary>
internal interface IFunctionInvoker
{
    Task CallAsync(string functionName, object?[] arguments);

    Task<string> OrchestratorAsync(string functionName, object?[] arguments);

    Task<JToken?> ActivityAsync(string functionName, object?[] arguments);
}
