using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Newtonsoft.Json;
using Newtonsoft.Json.Linq;

namespace ClusterFunctions.Host.Functions;

/// <summary>Reads an <see cref="InvocationResponse"/> the way the engine expects it.</summary>
internal static class InvocationResults
{
    /// <summary>Throws <see cref="FunctionFailedException"/> when the worker reports a failure.</summary>
    public static void ThrowIfFailed(string functionName, InvocationResponse response)
    {
        if (response.Result?.Status == StatusResult.Types.Status.Success)
        {
            return;
        }

        RpcException? error = response.Result?.Exception;
        string exception = error is null ? "the worker reported a failure without details" :
            string.IsNullOrEmpty(error.Type) ? error.Message : $"{error.Type}: {error.Message}";
        // The Durable extension parses this shape ("Result: …\nException: Type: message\nStack: …") into the
        // activity's FailureDetails, as it does for the Functions host's own invocation errors.
        throw new FunctionFailedException(functionName,
            $"Result: Failure\nException: {exception}\nStack: {error?.StackTrace}");
    }

    public static string? AsText(TypedData? value) => value?.DataCase switch
    {
        TypedData.DataOneofCase.String => value.String,
        TypedData.DataOneofCase.Json => value.Json,
        TypedData.DataOneofCase.Bytes => value.Bytes.ToStringUtf8(),
        _ => null,
    };

    /// <summary>The activity's output as JSON: the worker sends it serialized, so it is parsed, not wrapped again.</summary>
    public static JToken? AsJson(TypedData? value)
    {
        string? text = AsText(value);
        if (text is null)
        {
            return null;
        }

        try
        {
            return JToken.Parse(text);
        }
        catch (JsonReaderException)
        {
            return new JValue(text);
        }
    }
}
