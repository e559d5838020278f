using System.Text.RegularExpressions;
using System.Net.Http.Json;
using System.Text.Json;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Functions.Security;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Tests;

public class SecretHygieneTests
{
    [Fact]
    public async Task FullBuild_LogsEventsStatusAndHistory_ContainNoCredential()
    {
        var logs = new CapturingLoggerProvider();
        var state = Directory.CreateTempSubdirectory("cf-secrets-");
        var key = FunctionKeys.Generate();
        await using var app = await TestApps.StartAsync(
            TestApps.Settings(state.FullName, [.. FunctionKeys.Settings("tests", key, "platform,approver"), KeyValuePair.Create("Logging:LogLevel:Default", (string?)"Trace")]),
            logs);
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        http.DefaultRequestHeaders.Add(FunctionKeyAuthenticationHandler.HeaderName, key);
        await using var inbox = new EventInbox(app.LocalCloud!.ServiceBus.ConnectionString);
        var request = new ClusterRequest("secrets-1", "secrets", "production");

        await http.PostAsJsonAsync("api/clusters", request, new JsonSerializerOptions(JsonSerializerDefaults.Web));
        await Approvals.DecideWhenAskedAsync(http, request.ClusterName);
        await inbox.WaitForAsync(ClusterEventTypes.Ready, request.RequestId, TimeSpan.FromSeconds(90));
        using var management = app.ManagementClient();
        var history = await management.GetStringAsync("runtime/webhooks/durabletask/instances/cluster-secrets?showHistory=true&showHistoryOutput=true&showInput=true");
        var status = await http.GetStringAsync("api/clusters/secrets");
        // The engine's own record, as Azure Storage holds it: history and instance tables, large-message blobs.
        var storage = await TaskHubStorage.DumpAsync(app.StorageConnectionString, "ClusterFunctionsTests");

        var clusterToken = app.LocalCloud.Clusters.Clusters.Single(c => c.Key.EndsWith("/managedClusters/secrets", StringComparison.Ordinal)).Value.AdminToken;

        // Patterns, not strings: a kubeconfig's "token:" key, but not the storage engine's "ContinuationToken:".
        var secrets = new[]
        {
            clusterToken,                                              // the cluster's bearer token (from listClusterUserCredential)
            "localcloud-development-key",                              // the Service Bus shared access key
            "SharedAccessSignature",                                   // any SAS token
            "kubeconfigs",                                             // the ARM credential results' property name
            "client-key-data",
            key,                                                       // the caller's function key
        }.Select(Regex.Escape).Append(@"(?<![a-z])token:").Select(p => new Regex(p, RegexOptions.IgnoreCase)).ToList();
        var places = new Dictionary<string, string>
        {
            ["logs"] = string.Join('\n', logs.Lines),
            ["events"] = string.Join('\n', inbox.All.Select(e => e.ToJsonString())),
            ["status"] = status,
            ["history"] = history,
            ["task hub storage"] = storage,
        };
        Assert.NotEmpty(logs.Lines);
        Assert.Contains("model-serving", history);
        Assert.Contains("model-serving", storage);
        foreach (var (place, text) in places)
        {
            foreach (var secret in secrets)
            {
                var found = secret.Match(text);
                Assert.False(found.Success, $"{place} contains '{secret}': {Around(text, found.Index)}");
            }
        }
    }

    // Where a secret was found, so a failure says which line carried it (the secret itself is test data).
    private static string Around(string text, int at)
    {
        var start = Math.Max(0, at - 200);
        return text.Substring(start, Math.Min(text.Length - start, 300));
    }
}
