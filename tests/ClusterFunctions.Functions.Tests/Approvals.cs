using System.Net.Http.Json;

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
    public static Task WaitUntilAskedAsync(HttpClient client, string name) =>
        Polling.StepAsync(client, name, s => s["name"]!.GetValue<string>() == "approval" && s["state"]!.GetValue<string>() == "Running",
            $"build {name} asks for approval");
}
