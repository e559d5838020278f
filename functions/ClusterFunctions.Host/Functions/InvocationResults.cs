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
        string exception = error?.Message is { Length: > 0 } message ? message : "the worker reported a failure without details";
        // The Functions host's own shape ("Result: …\nException: {the worker's message}\nStack: …"), which the Durable
        // extension parses into the activity's FailureDetails. The message alone, as that host sends it: for an
        // activity the worker's Durable middleware makes it the failure details as JSON (type, message, inner
        // failures), and a type put in front of it hid them (every failure read as DurableSerializationException, so
        // retry policies that ask what caused a failure never retried).
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
