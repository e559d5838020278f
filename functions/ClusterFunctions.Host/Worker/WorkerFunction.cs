using System.Text.Json.Nodes;

namespace ClusterFunctions.Host.Worker;

/// <summary>One function as the worker describes it: its id, name and bindings (from <c>raw_bindings</c>).</summary>
public sealed record WorkerFunction(string FunctionId, string Name, IReadOnlyList<WorkerBinding> Bindings)
{
    /// <summary>The binding of direction "in" whose type ends in "Trigger".</summary>
    public WorkerBinding? Trigger => Bindings.FirstOrDefault(b => b.IsTrigger);
}

/// <summary>One binding: <c>type</c>, <c>direction</c>, <c>name</c> and the rest of its JSON.</summary>
public sealed record WorkerBinding(string Type, string Direction, string Name, JsonObject Json)
{
    /// <summary>True for the function's trigger.</summary>
    public bool IsTrigger => Type.EndsWith("Trigger", StringComparison.OrdinalIgnoreCase);

    /// <summary>A scalar property of the binding as text (a string as it is, <c>true</c>, <c>4</c>), case-insensitive, or
    /// null. The Worker SDK writes attribute flags such as <c>isSessionsEnabled</c> as JSON booleans.</summary>
    public string? Property(string name) =>
        Json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonValue v ? v.ToString() : null;

    /// <summary>A string-array property of the binding (e.g. <c>methods</c>), empty when absent.</summary>
    public IReadOnlyList<string> ArrayProperty(string name) =>
        Json.FirstOrDefault(p => string.Equals(p.Key, name, StringComparison.OrdinalIgnoreCase)).Value is JsonArray a
            ? a.Select(n => n?.GetValue<string>() ?? "").Where(s => s.Length > 0).ToList()
            : [];

    /// <summary>Parses one entry of <c>raw_bindings</c>.</summary>
    public static WorkerBinding Parse(string rawJson)
    {
        JsonObject json = JsonNode.Parse(rawJson) as JsonObject ?? throw new FormatException("a raw binding is not a JSON object");
        string Read(string key) => json.FirstOrDefault(p => string.Equals(p.Key, key, StringComparison.OrdinalIgnoreCase)).Value?.GetValue<string>()
            ?? throw new FormatException($"a raw binding has no \"{key}\"");
        return new WorkerBinding(Read("type"), Read("direction"), Read("name"), json);
    }
}
