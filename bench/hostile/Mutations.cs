using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Bench.Hostile;

/// <summary>Turns a valid body into a hostile one, from a seeded generator so a run can be repeated.</summary>
internal sealed class Mutations(Random random)
{
    private static readonly string[] Fields = ["requestId", "clusterName", "profile", "overrides", "labels", "requestedBy", "approved", "comment"];

    public string Pick(params string[] choices) => choices[random.Next(choices.Length)];

    public byte[] Body(JsonObject valid)
    {
        var text = valid.ToJsonString();
        return random.Next(10) switch
        {
            0 => RandomBytes(),
            1 => Encoding.UTF8.GetBytes(text[..random.Next(text.Length)]),
            2 => Encoding.UTF8.GetBytes(Pick("", "null", "[]", "\"text\"", "42", "{", "}", "{}}", "\uFEFF{}", new string('[', 5000))),
            3 => Encoding.UTF8.GetBytes(text.Insert(text.Length - 1, $",\"{Pick(Fields)}\":{Value()}")),
            _ => Encoding.UTF8.GetBytes(Mutate(valid).ToJsonString()),
        };
    }

    public JsonObject Mutate(JsonObject valid)
    {
        var body = (JsonObject)valid.DeepClone();
        for (var i = random.Next(1, 4); i > 0; i--)
        {
            var field = random.Next(4) == 0 ? Pick("unknown", "ClusterName", "overrides.nodePools", "labels.x") : Pick(Fields);
            if (random.Next(5) == 0)
            {
                body.Remove(field);
            }
            else if (field == "overrides.nodePools")
            {
                body["overrides"] = new JsonObject { ["region"] = Value(), ["nodePools"] = new JsonObject { [Pick("gpu", "system", "tpu", "")] = new JsonObject { ["minCount"] = Value(), ["maxCount"] = Value() } } };
            }
            else if (field == "labels.x")
            {
                body["labels"] = new JsonObject(Enumerable.Range(0, random.Next(1, 60)).Select(n => KeyValuePair.Create($"k{n}{Pick("", " ", "/", "\u0000")}", (JsonNode?)Value())));
            }
            else
            {
                body[field] = Value();
            }
        }

        return body;
    }

    public JsonNode? Value() => random.Next(14) switch
    {
        0 => null,
        1 => random.Next(2) == 0,
        2 => random.Next(int.MinValue, int.MaxValue),
        3 => random.NextDouble() * 1e300,
        4 => new JsonArray(Value(), Value()),
        5 => new JsonObject { ["nested"] = Value() },
        6 => new string('x', random.Next(200, 100_000)),
        7 => "\u0000\u0001\u001b[31m\r\n",
        8 => "../../etc/passwd",
        9 => "名前-🚀",
        10 => Pick("developer", "production", "testing", "base", "staging"),
        11 => Pick("eastus", "southeastasia", "eastasia", "centralindia", "mars", ""),
        12 => "0",
        _ => $"h{random.Next(1000)}-{random.Next(1000)}",
    };

    private byte[] RandomBytes()
    {
        var bytes = new byte[random.Next(1, 2048)];
        random.NextBytes(bytes);
        return bytes;
    }
}
