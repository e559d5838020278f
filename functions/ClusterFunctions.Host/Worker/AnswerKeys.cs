namespace ClusterFunctions.Host.Worker;

/// <summary>How a request names the answer it waits for on a <see cref="WorkerStream"/>.</summary>
internal static class AnswerKeys
{
    public const string Init = "init";
    public const string Metadata = "metadata";

    public static string Load(string functionId) => "load:" + functionId;

    public static string Invocation(string invocationId) => "invocation:" + invocationId;
}
