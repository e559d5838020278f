using System.Net.Http.Json;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Functions.Tests;

/// <summary>Plays the approver: waits until a build asks for approval, then decides.</summary>
public static class Approvals
{
    public static async Task<HttpResponseMessage> DecideWhenAskedAsync(HttpClient approver, string name, bool approved = true, string? comment = null)
    {
        await WaitUntilAskedAsync(approver, name);
        return await approver.PostAsJsonAsync($"api/clusters/{name}/approve", new { approved, comment });
    }

    /// <summary>Returns once the build's approval step is running (it is waiting for a decision).</summary>
    public static async Task WaitUntilAskedAsync(HttpClient client, string name)
    {
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        while (true)
        {
            var response = await client.GetAsync($"api/clusters/{name}", timeout.Token);
            if (response.IsSuccessStatusCode)
            {
                var steps = JsonNode.Parse(await response.Content.ReadAsStringAsync(timeout.Token))!["steps"]!.AsArray();
                if (steps.Any(s => s!["name"]!.GetValue<string>() == "approval" && s["state"]!.GetValue<string>() == "Running"))
                {
                    return;
                }
            }

            await Task.Delay(TimeSpan.FromMilliseconds(50), timeout.Token);
        }
    }
}
