using System.Text.Json.Nodes;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// Waits for what the app makes true in its own time (a build started, a step reached a state), polling with a
/// deadline and failing with what was awaited; never a fixed sleep standing in for the condition.
/// </summary>
public static class Polling
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(60);

    /// <summary>Polls <paramref name="probe"/> until it returns a value.</summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T?>> probe, string what)
        where T : class
    {
        using var timeout = new CancellationTokenSource(Patience);
        while (true)
        {
            if (await probe() is { } value)
            {
                return value;
            }

            if (timeout.IsCancellationRequested)
            {
                throw new TimeoutException($"timed out waiting until {what}");
            }

            await Task.Delay(TimeSpan.FromMilliseconds(100));
        }
    }

    public static Task UntilAsync(Func<Task<bool>> probe, string what) =>
        UntilAsync(async () => await probe() ? "" : null, what);

    /// <summary>The first step of the cluster's status that <paramref name="matches"/>, once one does.</summary>
    public static Task<JsonNode> StepAsync(HttpClient http, string cluster, Func<JsonNode, bool> matches, string what) =>
        UntilAsync(async () =>
        {
            using var response = await http.GetAsync($"api/clusters/{cluster}");
            return response.IsSuccessStatusCode
                ? JsonNode.Parse(await response.Content.ReadAsStringAsync())!["steps"]!.AsArray().FirstOrDefault(s => matches(s!))
                : null;
        }, what);
}
