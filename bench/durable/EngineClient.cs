using System.Diagnostics;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterFunctions.Host;

namespace ClusterFunctions.Bench.Durable;

/// <summary>Starts and watches orchestrations through the host's Durable management API (system key), as an operator would.</summary>
public sealed class EngineClient(LocalFunctionsHost host) : IDisposable
{
    private readonly HttpClient _http = new() { BaseAddress = host.BaseUrl, Timeout = TimeSpan.FromMinutes(5) };

    public async Task<string> StartAsync(string orchestrator, object input)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, $"runtime/webhooks/durabletask/orchestrators/{orchestrator}")
        {
            Content = JsonContent.Create(input),
        };
        request.Headers.Add("x-functions-key", host.Keys.DurableSystemKey);
        using HttpResponseMessage response = await _http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
    }

    /// <summary>Polls until the instance completes and returns its output; any other end is an error.</summary>
    public async Task<JsonElement> WaitAsync(string instanceId, TimeSpan pollInterval, TimeSpan deadline)
    {
        var watch = Stopwatch.StartNew();
        while (watch.Elapsed < deadline)
        {
            using var request = new HttpRequestMessage(HttpMethod.Get, $"runtime/webhooks/durabletask/instances/{instanceId}");
            request.Headers.Add("x-functions-key", host.Keys.DurableSystemKey);
            using HttpResponseMessage response = await _http.SendAsync(request);
            if (response.IsSuccessStatusCode || response.StatusCode == System.Net.HttpStatusCode.Accepted)
            {
                JsonElement status = await response.Content.ReadFromJsonAsync<JsonElement>();
                string? state = status.GetProperty("runtimeStatus").GetString();
                if (state == "Completed")
                {
                    return status.GetProperty("output");
                }

                if (state is "Failed" or "Terminated")
                {
                    throw new InvalidOperationException($"{instanceId} ended {state}: {status.GetProperty("output")}");
                }
            }

            await Task.Delay(pollInterval);
        }

        throw new TimeoutException($"{instanceId} did not complete within {deadline.TotalSeconds:0} s");
    }

    public void Dispose() => _http.Dispose();
}
