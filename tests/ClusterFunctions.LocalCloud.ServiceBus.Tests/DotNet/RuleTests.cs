using Azure.Messaging.ServiceBus;
using Azure.Messaging.ServiceBus.Administration;
using ClusterFunctions.LocalCloud.ServiceBus.Tests.Support;

namespace ClusterFunctions.LocalCloud.ServiceBus.Tests.DotNet;

/// <summary>Subscription rules through ServiceBusRuleManager: SQL and correlation filters decide what reaches a subscription.</summary>
public sealed class RuleTests
{
    [Fact]
    public async Task SqlFilter_ReplacingTheDefaultRule_PassesOnlyMatchingMessages()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var rules = client.CreateRuleManager("t", "a");
        await using var sender = client.CreateSender("t");
        await using var a = client.CreateReceiver("t", "a", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        await using var b = client.CreateReceiver("t", "b", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        await rules.DeleteRuleAsync(RuleProperties.DefaultRuleName);
        await rules.CreateRuleAsync("prod-large", new SqlRuleFilter("environment = 'prod' AND nodes >= 10 AND sys.Label LIKE 'Cluster%'"));
        await sender.SendMessagesAsync([
            Event("one", "prod", 12, "ClusterReady"),
            Event("two", "dev", 12, "ClusterReady"),
            Event("three", "prod", 3, "ClusterReady"),
            Event("four", "prod", 40, "ClusterFailed"),
            Event("five", "prod", 40, "NodeReady"),
        ]);
        var toA = await ReceiveBodiesAsync(a, 2);
        var toB = await ReceiveBodiesAsync(b, 5);

        Assert.Equal(["one", "four"], toA);
        Assert.Equal(["one", "two", "three", "four", "five"], toB);
        Assert.Equal(0, emulator.GetMessageCount("t/Subscriptions/a"));
    }

    [Fact]
    public async Task CorrelationFilter_MatchesOnSubjectAndAUserProperty()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var rules = client.CreateRuleManager("t", "a");
        await using var sender = client.CreateSender("t");
        await using var a = client.CreateReceiver("t", "a", new ServiceBusReceiverOptions { ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });

        await rules.DeleteRuleAsync(RuleProperties.DefaultRuleName);
        await rules.CreateRuleAsync("failed-prod", new CorrelationRuleFilter { Subject = "ClusterFailed", ApplicationProperties = { ["environment"] = "prod" } });
        await sender.SendMessagesAsync([
            Event("one", "prod", 1, "ClusterReady"),
            Event("two", "prod", 1, "ClusterFailed"),
            Event("three", "dev", 1, "ClusterFailed"),
        ]);
        var toA = await ReceiveBodiesAsync(a, 1);
        var extra = await a.ReceiveMessageAsync(TimeSpan.FromMilliseconds(300));

        Assert.Equal(["two"], toA);
        Assert.Null(extra);
    }

    [Fact]
    public async Task GetRules_ListsTheDefaultAndAddedRules_AndDeleteRemovesThem()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var rules = client.CreateRuleManager("t", "b");

        await rules.CreateRuleAsync("sql", new SqlRuleFilter("priority > 5"));
        await rules.CreateRuleAsync("correlation", new CorrelationRuleFilter("corr-1"));
        var listed = await ListAsync(rules);
        await rules.DeleteRuleAsync("sql");
        var afterDelete = await ListAsync(rules);

        Assert.Equal(["$Default", "sql", "correlation"], listed.Select(r => r.Name));
        Assert.IsType<TrueRuleFilter>(listed[0].Filter);
        Assert.Equal("priority > 5", Assert.IsType<SqlRuleFilter>(listed[1].Filter).SqlExpression);
        Assert.Equal("corr-1", Assert.IsType<CorrelationRuleFilter>(listed[2].Filter).CorrelationId);
        Assert.Equal(["$Default", "correlation"], afterDelete.Select(r => r.Name));
    }

    [Fact]
    public async Task CreateRule_WithAMalformedSqlExpression_FailsNamingThePosition()
    {
        await using var emulator = await Emulator.StartAsync();
        await using var client = Emulator.Client(emulator);
        await using var rules = client.CreateRuleManager("t", "a");

        var error = await Assert.ThrowsAnyAsync<Exception>(() => rules.CreateRuleAsync("broken", new SqlRuleFilter("environment = ")));

        Assert.Contains("sql-filter expression", error.Message);
        Assert.Equal(["$Default"], (await ListAsync(rules)).Select(r => r.Name));
    }

    static ServiceBusMessage Event(string body, string environment, int nodes, string subject) =>
        new(body) { Subject = subject, ApplicationProperties = { ["environment"] = environment, ["nodes"] = nodes } };

    static async Task<List<string>> ReceiveBodiesAsync(ServiceBusReceiver receiver, int count)
    {
        var bodies = new List<string>();
        while (bodies.Count < count)
        {
            bodies.Add((await Emulator.ReceiveOneAsync(receiver)).Body.ToString());
        }

        return bodies;
    }

    static async Task<List<RuleProperties>> ListAsync(ServiceBusRuleManager rules)
    {
        var list = new List<RuleProperties>();
        await foreach (var rule in rules.GetRulesAsync())
        {
            list.Add(rule);
        }

        return list;
    }
}
