using ClusterFunctions.Host.Worker;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace ClusterFunctions.Host.Functions;

/// <summary>
/// Runs a worker function once the engine has bound its trigger and inputs, by sending the call to the worker.
/// Orchestrator episodes and activities whose worker dies under them are sent again to the next worker (the engine's
/// own redelivery would wait out a visibility timeout); the rest fail.
/// </summary>
internal sealed class WorkerFunctionInvoker
{
    private const int DurableAttempts = 3;

    private readonly WorkerSupervisor _workers;
    private readonly IReadOnlyDictionary<string, HostedFunction> _functions;
    private readonly ILogger _log;

    public WorkerFunctionInvoker(WorkerSupervisor workers, IEnumerable<HostedFunction> functions, ILogger log)
    {
        _workers = workers;
        _functions = functions.ToDictionary(f => f.Name, StringComparer.OrdinalIgnoreCase);
        _log = log;
    }

    public async Task CallAsync(string functionName, object?[] arguments)
    {
        HostedFunction function = _functions[functionName];
        var call = (FunctionCall)arguments[0]!;
        RunningWorker worker = await _workers.GetWorkerAsync(CancellationToken.None);
        InvocationRequest request = Build(function, worker, call.TriggerData, arguments, call.TriggerMetadata, call.TraceParent);
        await call.RunAsync(worker, request.InvocationId, () => worker.InvokeAsync(request));
    }

    public async Task<string> OrchestratorAsync(string functionName, object?[] arguments)
    {
        InvocationResponse response = await InvokeDurableAsync(functionName, arguments);
        return InvocationResults.AsText(response.ReturnValue) ?? "";
    }

    public async Task<JToken?> ActivityAsync(string functionName, object?[] arguments)
    {
        InvocationResponse response = await InvokeDurableAsync(functionName, arguments);
        return InvocationResults.AsJson(response.ReturnValue);
    }

    private async Task<InvocationResponse> InvokeDurableAsync(string functionName, object?[] arguments)
    {
        HostedFunction function = _functions[functionName];
        var trigger = new TypedData { String = (string?)arguments[0] ?? "" };
        Dictionary<string, TypedData>? metadata = function.Kind == FunctionKind.Activity && arguments[1] is string instanceId
            ? new() { [FunctionTypeGenerator.InstanceIdParameter] = new TypedData { String = instanceId } }
            : null;
        for (int attempt = 1; ; attempt++)
        {
            try
            {
                RunningWorker worker = await _workers.GetWorkerAsync(CancellationToken.None);
                InvocationResponse response = await worker.InvokeAsync(Build(function, worker, trigger, arguments, metadata, traceParent: null));
                InvocationResults.ThrowIfFailed(functionName, response);
                return response;
            }
            catch (WorkerProcessExitException e) when (attempt < DurableAttempts)
            {
                _log.LogWarning("The worker died running {FunctionName} ({Reason}); sending it to the next worker", functionName, e.Message);
            }
        }
    }

    private static InvocationRequest Build(HostedFunction function, RunningWorker worker, TypedData trigger,
        object?[] arguments, IReadOnlyDictionary<string, TypedData>? metadata, string? traceParent)
    {
        var request = new InvocationRequest
        {
            InvocationId = Guid.NewGuid().ToString(),
            FunctionId = worker.FunctionId(function.Name),
            TraceContext = new RpcTraceContext { TraceParent = traceParent ?? "", TraceState = "" },
        };
        request.InputData.Add(new ParameterBinding { Name = function.Trigger.Name, Data = trigger });
        int first = FunctionTypeGenerator.FirstEngineInput(function.Kind);
        for (int i = 0; i < function.EngineInputs.Count; i++)
        {
            request.InputData.Add(new ParameterBinding
            {
                Name = function.EngineInputs[i].Name,
                Data = new TypedData { String = (string?)arguments[i + first] ?? "" },
            });
        }

        foreach ((string key, TypedData value) in metadata ?? new Dictionary<string, TypedData>())
        {
            request.TriggerMetadata[key] = value;
        }

        return request;
    }
}
