using ClusterFunctions.Functions.Security;

namespace ClusterFunctions.Cli.Remote;

/// <summary>
/// Connects commands to a running host: --endpoint, else CLUSTERFUNCTIONS_ENDPOINT, else the local
/// default port; the function key from --key or CLUSTERFUNCTIONS_KEY.
/// </summary>
public static class RemoteApi
{
    public static ClusterApiClient Connect(CliArguments arguments)
    {
        var endpoint = arguments.Get("--endpoint") ?? Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_ENDPOINT") ?? "http://127.0.0.1:7071/";
        return Client(endpoint, Key(arguments));
    }

    public static string? Key(CliArguments arguments) => arguments.Get("--key") ?? Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_KEY");

    public static ClusterApiClient Client(string endpoint, string? key)
    {
        var http = new HttpClient { BaseAddress = new Uri(endpoint.TrimEnd('/') + "/") };
        if (key is { Length: > 0 })
        {
            http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        }

        return new ClusterApiClient(http);
    }
}
