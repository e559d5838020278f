using Google.Protobuf.Collections;
using ClusterFunctions.Host.Worker;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;
using Newtonsoft.Json.Linq;

namespace ClusterFunctions.Host.Functions;

/// <summary>
/// Sends bound calls to the worker. Orchestrator episodes and activities whose worker dies under them are sent
/// again to the next worker (the engine's own redelivery would wait out a visibility timeout); the rest fail.
/// </summary>
internal sealed class WorkerFunctionInvoker : IFunctionInvoker
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
        string invocationId = Guid.NewGuid().ToString();
        InvocationRequest request = Build(function, worker, invocationId, call.TriggerData, arguments, call.TriggerMetadata, call.TraceParent);
        await call.RunAsync(worker, invocationId, async () =>
        {
            StreamingMessage answer = await worker.Stream.RequestAsync(
                new StreamingMessage { InvocationRequest = request }, AnswerKeys.Invocation(invocationId), CancellationToken.None);
            return answer.InvocationResponse;
        });
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
                InvocationResponse response = await _workers.InvokeAsync(functionName,
                    id => Build(function, null, Guid.NewGuid().ToString(), trigger, arguments, metadata, null, id), CancellationToken.None);
                InvocationResults.ThrowIfFailed(functionName, response);
                return response;
            }
            catch (WorkerProcessExitException e) when (attempt < DurableAttempts)
            {
                _log.LogWarning("The worker died running {FunctionName} ({Reason}); sending it to the next worker", functionName, e.Message);
            }
        }
    }

    private static InvocationRequest Build(HostedFunction function, RunningWorker? worker, string invocationId, TypedData trigger,
        object?[] arguments, IReadOnlyDictionary<string, TypedData>? metadata, string? traceParent, string? functionId = null)
    {
        var request = new InvocationRequest
        {
            InvocationId = invocationId,
            FunctionId = functionId ?? worker!.FunctionId(function.Name),
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

        if (metadata is not null)
        {
            Add(request.TriggerMetadata, metadata);
        }

        return request;
    }

    private static void Add(MapField<string, TypedData> into, IReadOnlyDictionary<string, TypedData> values)
    {
        foreach ((string key, TypedData value) in values)
        {
            into[key] = value;
        }
    }
}
