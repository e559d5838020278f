using System.Text.Json.Nodes;
using ClusterFunctions.Functions.Orchestrators;

namespace ClusterFunctions.Functions.Tests;

/// <summary>The announcer of terminated builds as an operator sees it through the Durable management API.</summary>
public static class Announcer
{
    /// <summary>How many turns it has taken (its ContinueAsNew input carries the count); null before it first ran.</summary>
    public static async Task<long?> TurnAsync(HttpClient management)
    {
        using var response = await management.GetAsync($"runtime/webhooks/durabletask/instances/{AnnounceTerminatedBuildsOrchestrator.InstanceId}?showInput=true");
        if (!response.IsSuccessStatusCode)
        {
            return null;
        }

        var input = JsonNode.Parse(await response.Content.ReadAsStringAsync())!["input"]?.AsObject();
        return input?.FirstOrDefault(p => string.Equals(p.Key, nameof(TerminationWatch.Turn), StringComparison.OrdinalIgnoreCase)).Value?.GetValue<long>();
    }

    /// <summary>Waits until its current turn has looked for terminated builds and waits on its timer for the next.</summary>
    public static Task WaitingForItsNextTurnAsync(HttpClient management) =>
        Polling.UntilAsync(async () =>
        {
            using var response = await management.GetAsync($"runtime/webhooks/durabletask/instances/{AnnounceTerminatedBuildsOrchestrator.InstanceId}?showHistory=true");
            return response.IsSuccessStatusCode && (await response.Content.ReadAsStringAsync()).Contains("TimerCreated", StringComparison.Ordinal);
        }, "the announcer looked and waits for its next turn");

    /// <summary>
    /// Waits until it has taken <paramref name="turns"/> more turns: each looks again at every build terminated in the
    /// last minutes, so a build it would announce twice has been announced twice by then.
    /// </summary>
    public static async Task TurnsAsync(HttpClient management, int turns)
    {
        long? start = null;
        await Polling.UntilAsync(async () => (start ??= await TurnAsync(management)) is not null, "the announcer runs");
        await Polling.UntilAsync(async () => await TurnAsync(management) >= start + turns, $"the announcer took {turns} more turns");
    }
}
