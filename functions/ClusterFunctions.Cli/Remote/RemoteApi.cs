namespace ClusterFunctions.Cli.Remote;

/// <summary>Connects status, list and delete to a running host: --endpoint, else CLUSTERFUNCTIONS_ENDPOINT, else the local default port.</summary>
public static class RemoteApi
{
    public static ClusterApiClient Connect(CliArguments arguments)
    {
        var endpoint = arguments.Get("--endpoint") ?? Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_ENDPOINT") ?? "http://127.0.0.1:7071/";
        return new ClusterApiClient(new HttpClient { BaseAddress = new Uri(endpoint.TrimEnd('/') + "/") });
    }
}
