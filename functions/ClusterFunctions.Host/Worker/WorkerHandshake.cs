using System.Text.Json.Nodes;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;

namespace ClusterFunctions.Host.Worker;

/// <summary>
/// The start of a worker's life on the protocol: init, then the worker's own function metadata, then one load per
/// function. The functions come from the worker (worker indexing), so a new <c>[Function]</c> needs no host change.
/// </summary>
internal static class WorkerHandshake
{
    // The Functions host version the worker is told it talks to; the worker only logs it.
    private const string HostVersion = "4.1040.0";

    public static async Task<(Uri? HttpUri, IReadOnlyList<WorkerFunction> Functions, IReadOnlyDictionary<string, string> Ids)> RunAsync(
        WorkerStream stream, string appDirectory, CancellationToken cancellationToken)
    {
        var init = new StreamingMessage
        {
            RequestId = NewId(),
            WorkerInitRequest = new WorkerInitRequest
            {
                HostVersion = HostVersion,
                WorkerDirectory = appDirectory,
                FunctionAppDirectory = appDirectory,
            },
        };
        WorkerInitResponse initAnswer = (await stream.RequestAsync(init, AnswerKeys.Init, cancellationToken)).WorkerInitResponse;
        ThrowIfFailed(initAnswer.Result, "initialisation");
        Uri? httpUri = initAnswer.Capabilities.TryGetValue("HttpUri", out string? uri) && Uri.TryCreate(uri, UriKind.Absolute, out Uri? parsed)
            ? parsed
            : null;

        var metadataRequest = new StreamingMessage
        {
            RequestId = NewId(),
            FunctionsMetadataRequest = new FunctionsMetadataRequest { FunctionAppDirectory = appDirectory },
        };
        FunctionMetadataResponse metadata =
            (await stream.RequestAsync(metadataRequest, AnswerKeys.Metadata, cancellationToken)).FunctionMetadataResponse;
        ThrowIfFailed(metadata.Result, "function metadata");
        if (metadata.UseDefaultMetadataIndexing)
        {
            throw new WorkerStartException(
                "the worker asked for host indexing (functions.metadata); this host serves worker-indexed apps only: set workerIndexing true in worker.config.json");
        }

        var functions = new List<WorkerFunction>();
        var ids = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (RpcFunctionMetadata function in metadata.FunctionMetadataResults)
        {
            IReadOnlyList<WorkerBinding> bindings = function.RawBindings.Select(WorkerBinding.Parse).ToList();
            foreach (WorkerBinding binding in bindings)
            {
                function.Bindings[binding.Name] = ToBindingInfo(binding);
            }

            var load = new StreamingMessage
            {
                RequestId = NewId(),
                FunctionLoadRequest = new FunctionLoadRequest { FunctionId = function.FunctionId, Metadata = function },
            };
            FunctionLoadResponse loaded =
                (await stream.RequestAsync(load, AnswerKeys.Load(function.FunctionId), cancellationToken)).FunctionLoadResponse;
            ThrowIfFailed(loaded.Result, $"loading function '{function.Name}'");
            functions.Add(new WorkerFunction(function.FunctionId, function.Name, bindings));
            ids[function.Name] = function.FunctionId;
        }

        return (httpUri, functions, ids);
    }

    private static BindingInfo ToBindingInfo(WorkerBinding binding)
    {
        var info = new BindingInfo
        {
            Type = binding.Type,
            Direction = binding.Direction.ToLowerInvariant() switch
            {
                "out" => BindingInfo.Types.Direction.Out,
                "inout" => BindingInfo.Types.Direction.Inout,
                _ => BindingInfo.Types.Direction.In,
            },
            DataType = binding.Property("dataType")?.ToLowerInvariant() switch
            {
                "string" => BindingInfo.Types.DataType.String,
                "binary" => BindingInfo.Types.DataType.Binary,
                "stream" => BindingInfo.Types.DataType.Stream,
                _ => BindingInfo.Types.DataType.Undefined,
            },
        };
        foreach ((string key, JsonNode? value) in binding.Json)
        {
            if (value is JsonValue scalar && key is not ("type" or "direction" or "name"))
            {
                info.Properties[key] = scalar.ToString();
            }
        }

        return info;
    }

    private static void ThrowIfFailed(StatusResult? result, string step)
    {
        if (result is not null && result.Status != StatusResult.Types.Status.Success)
        {
            string detail = result.Exception?.Message ?? result.Result;
            throw new WorkerStartException($"the worker failed {step}: {detail}");
        }
    }

    private static string NewId() => Guid.NewGuid().ToString();
}
