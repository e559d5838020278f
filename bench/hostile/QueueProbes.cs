using System.Text;
using System.Text.Json.Nodes;
using Azure.Messaging.ServiceBus;

namespace ClusterFunctions.Bench.Hostile;

/// <summary>Hostile queue messages on cluster-requests: mutated bodies, subjects, content types and properties.</summary>
internal sealed class QueueProbes(string connectionString, Mutations mutations, Random random)
{
    private const string Queue = "cluster-requests";
    private readonly Dictionary<string, string?> _names = new(StringComparer.Ordinal);

    /// <summary>Sends the messages; returns once the broker has them all.</summary>
    public async Task SendAsync(int count)
    {
        await using var client = new ServiceBusClient(connectionString);
        await using var sender = client.CreateSender(Queue);
        for (var i = 0; i < count; i++)
        {
            var name = $"q{i}";
            var valid = new JsonObject { ["requestId"] = $"hostile-q{i}", ["clusterName"] = name, ["profile"] = "developer" };
            var body = mutations.Body(valid);
            var message = new ServiceBusMessage(body)
            {
                MessageId = name,
                Subject = mutations.Pick("create", "create", "delete", "approve", "deny", "", "DROP TABLE", new string('s', 1000)),
                ContentType = mutations.Pick("application/json", "application/json", "text/plain", "", "application/octet-stream"),
            };
            if (random.Next(3) == 0)
            {
                message.ApplicationProperties["requestedBy"] = random.Next(2) == 0 ? new string('r', 10_000) : 42;
                message.ApplicationProperties["roles"] = mutations.Pick("platform", "", ",,,", "developer,platform,approver");
            }

            _names[name] = TryName(body);
            await sender.SendMessageAsync(message);
        }
    }

    /// <summary>Waits until the queue is drained, then sorts every message: dead-lettered with a reason, dead-lettered
    /// without one, consumed (accepted), or still there at the deadline (hang).</summary>
    public async Task<(Dictionary<Outcome, int> Outcomes, HashSet<string> AcceptedNames)> SettleAsync(TimeSpan deadline)
    {
        await using var client = new ServiceBusClient(connectionString);
        await using var queue = client.CreateReceiver(Queue);
        using var timeout = new CancellationTokenSource(deadline);
        var left = 0;
        while (!timeout.IsCancellationRequested)
        {
            left = (await queue.PeekMessagesAsync(100, fromSequenceNumber: 0, cancellationToken: CancellationToken.None)).Count;
            if (left == 0)
            {
                break;
            }

            await Task.Delay(TimeSpan.FromMilliseconds(250), CancellationToken.None);
        }

        var outcomes = Enum.GetValues<Outcome>().ToDictionary(o => o, _ => 0);
        outcomes[Outcome.Hang] = left;
        var deadLettered = new HashSet<string>(StringComparer.Ordinal);
        await using var dlq = client.CreateReceiver(Queue, new ServiceBusReceiverOptions { SubQueue = SubQueue.DeadLetter, ReceiveMode = ServiceBusReceiveMode.ReceiveAndDelete });
        while ((await dlq.ReceiveMessagesAsync(100, TimeSpan.FromSeconds(2))) is { Count: > 0 } batch)
        {
            foreach (var message in batch.Where(m => _names.ContainsKey(m.MessageId)))
            {
                deadLettered.Add(message.MessageId);
                var clear = !string.IsNullOrEmpty(message.DeadLetterReason) && !string.IsNullOrEmpty(message.DeadLetterErrorDescription)
                    && !message.DeadLetterErrorDescription.Contains("   at ", StringComparison.Ordinal);
                outcomes[clear ? Outcome.ClearRefusal : Outcome.UnclearRefusal]++;
            }
        }

        var accepted = _names.Keys.Where(id => !deadLettered.Contains(id)).ToList();
        outcomes[Outcome.Accepted] = accepted.Count - left;
        return (outcomes, accepted.Select(id => _names[id]).OfType<string>().ToHashSet(StringComparer.Ordinal));
    }

    private static string? TryName(byte[] body)
    {
        try
        {
            return JsonNode.Parse(Encoding.UTF8.GetString(body))?["clusterName"]?.GetValue<string>();
        }
        catch (Exception e) when (e is System.Text.Json.JsonException or InvalidOperationException or ArgumentException or FormatException)
        {
            return null;
        }
    }
}
