using System.Net.Http.Json;
using System.Text.Json;

namespace ClusterFunctions.Host.Tests;

/// <summary>Starts the local host on the test app's build output, on free ports, on the run's Azurite and a task hub of its own.</summary>
public static class TestAppHost
{
    public static string AppDirectory { get; } = FindAppDirectory();

    /// <summary>Starts a host on the run's Azurite, or on <paramref name="storage"/> when the test brings its own.</summary>
    public static async Task<LocalFunctionsHost> StartAsync(string stateDirectory, IReadOnlyDictionary<string, string>? settings = null, string? storage = null)
    {
        var appSettings = new Dictionary<string, string> { ["TASKHUB_NAME"] = TestStorage.NewTaskHub() };
        foreach ((string key, string value) in settings ?? new Dictionary<string, string>())
        {
            appSettings[key] = value;
        }

        return await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
        {
            AppDirectory = AppDirectory,
            Port = 0,
            StateDirectory = stateDirectory,
            AzureWebJobsStorage = storage ?? await TestStorage.ConnectionStringAsync(),
            AppSettings = appSettings,
        });
    }

    public static HttpClient Client(LocalFunctionsHost host) => new() { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromSeconds(60) };

    /// <summary>Starts a fan-out over HTTP and polls its status through the Durable management API (served by the
    /// host, so a worker restart does not interrupt it) until it is no longer running, up to <paramref name="deadline"/>.</summary>
    public static async Task<JsonElement> RunFanOutAsync(LocalFunctionsHost host, HttpClient client, string query, TimeSpan deadline)
    {
        using HttpResponseMessage started = await client.PostAsync($"api/fanout/{query}", null);
        Assert.Equal(System.Net.HttpStatusCode.Accepted, started.StatusCode);
        string id = (await started.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        return await WaitForInstanceAsync(host, client, id, deadline);
    }

    /// <summary>Polls an instance's status through the Durable management API until it is no longer running; past
    /// <paramref name="deadline"/> it fails saying what the instance last reported.</summary>
    public static async Task<JsonElement> WaitForInstanceAsync(LocalFunctionsHost host, HttpClient client, string id, TimeSpan deadline)
    {
        DateTime giveUpAt = DateTime.UtcNow + deadline;
        string lastSeen = "no answer yet";
        while (DateTime.UtcNow < giveUpAt)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{id}");
            request.Headers.Add("x-functions-key", host.Keys.DurableSystemKey);
            using HttpResponseMessage response = await client.SendAsync(request);
            string body = await response.Content.ReadAsStringAsync();
            lastSeen = $"{(int)response.StatusCode} {body}";
            if (response.IsSuccessStatusCode)
            {
                JsonElement status = JsonDocument.Parse(body).RootElement;
                if (status.GetProperty("runtimeStatus").GetString() is not ("Running" or "Pending"))
                {
                    return status;
                }
            }

            await Task.Delay(200);
        }

        throw new TimeoutException($"instance {id} still running after {deadline.TotalSeconds:0} s; last status: {lastSeen}");
    }

    private static string FindAppDirectory()
    {
        string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "tests", "ClusterFunctions.Host.TestApp", "bin", configuration, "net10.0");
            if (File.Exists(Path.Combine(candidate, "worker.config.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("the test app's build output was not found; build tests/ClusterFunctions.Host.TestApp");
    }
}
