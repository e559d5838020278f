using System.Globalization;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>
/// RFC 6902 JSON Patch (add, remove, replace, move, copy, test) over RFC 6901 pointers, applied to a
/// copy of the object as kube-apiserver applies application/json-patch+json. A malformed patch is a
/// <see cref="FormatException"/>; an operation that does not apply is a <see cref="JsonPatchException"/>
/// naming the operation.
/// </summary>
internal static class JsonPatchDocument
{
    /// <summary>Checks the patch's shape (an array of operation objects with the members each op needs).</summary>
    public static IReadOnlyList<JsonObject> Parse(JsonNode? patch)
    {
        if (patch is not JsonArray operations)
        {
            throw new FormatException("a JSON patch must be an array of operations");
        }

        var result = new List<JsonObject>();
        for (var i = 0; i < operations.Count; i++)
        {
            if (operations[i] is not JsonObject operation)
            {
                throw new FormatException($"operation {i}: must be an object");
            }

            var op = Member(operation, "op", i);
            Member(operation, "path", i);
            switch (op)
            {
                case "add" or "replace" or "test" when !operation.ContainsKey("value"):
                    throw new FormatException($"operation {i} ({op}): \"value\" is required");
                case "move" or "copy":
                    Member(operation, "from", i);
                    break;
                case "add" or "remove" or "replace" or "test":
                    break;
                default:
                    throw new FormatException($"operation {i}: unknown op \"{op}\" (add, remove, replace, move, copy or test)");
            }

            result.Add(operation);
        }

        return result;
    }

    /// <summary>Applies the operations in order to <paramref name="document"/> and returns the result (a new node).</summary>
    public static JsonNode Apply(JsonNode document, IReadOnlyList<JsonObject> operations)
    {
        var root = new JsonObject { ["doc"] = document.DeepClone() };
        for (var i = 0; i < operations.Count; i++)
        {
            var operation = operations[i];
            var op = operation["op"]!.GetValue<string>();
            var path = operation["path"]!.GetValue<string>();
            var name = $"operation {i} ({op} {path})";
            try
            {
                switch (op)
                {
                    case "add":
                        Add(root, path, operation["value"]?.DeepClone());
                        break;
                    case "remove":
                        Remove(root, path);
                        break;
                    case "replace":
                        Remove(root, path);
                        Add(root, path, operation["value"]?.DeepClone());
                        break;
                    case "move":
                        var from = operation["from"]!.GetValue<string>();
                        if (path.StartsWith(from + "/", StringComparison.Ordinal))
                        {
                            throw new JsonPatchException($"cannot move \"{from}\" into its own child");
                        }

                        var moved = Get(root, from);
                        Remove(root, from);
                        Add(root, path, moved);
                        break;
                    case "copy":
                        Add(root, path, Get(root, operation["from"]!.GetValue<string>())?.DeepClone());
                        break;
                    default:
                        var actual = Get(root, path);
                        if (!JsonNode.DeepEquals(actual, operation["value"]))
                        {
                            throw new JsonPatchException($"the value is {actual?.ToJsonString() ?? "null"}, not {operation["value"]?.ToJsonString() ?? "null"}");
                        }

                        break;
                }
            }
            catch (JsonPatchException e)
            {
                throw new JsonPatchException($"{name} failed: {e.Message}", path);
            }
        }

        return root["doc"]!.DeepClone();
    }

    private static string Member(JsonObject operation, string member, int index) =>
        operation[member] is JsonValue value && value.TryGetValue<string>(out var text)
            ? text
            : throw new FormatException($"operation {index}: \"{member}\" must be a string");

    private static JsonNode? Get(JsonObject root, string pointer)
    {
        var (parent, token) = Parent(root, pointer);
        return parent switch
        {
            JsonObject obj when obj.TryGetPropertyValue(token, out var value) => value,
            JsonArray list when Index(token, list.Count, append: false) is var i => list[i],
            _ => throw new JsonPatchException($"\"{pointer}\" does not exist"),
        };
    }

    private static void Add(JsonObject root, string pointer, JsonNode? value)
    {
        var (parent, token) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject obj:
                obj[token] = value;
                break;
            case JsonArray list:
                list.Insert(Index(token, list.Count, append: true), value);
                break;
            default:
                throw new JsonPatchException($"the parent of \"{pointer}\" is not an object or array");
        }
    }

    private static void Remove(JsonObject root, string pointer)
    {
        var (parent, token) = Parent(root, pointer);
        switch (parent)
        {
            case JsonObject obj when obj.ContainsKey(token):
                obj.Remove(token);
                break;
            case JsonArray list:
                list.RemoveAt(Index(token, list.Count, append: false));
                break;
            default:
                throw new JsonPatchException($"\"{pointer}\" does not exist");
        }
    }

    /// <summary>The container holding the pointer's last token, and that token (unescaped).</summary>
    private static (JsonNode? Parent, string Token) Parent(JsonObject root, string pointer)
    {
        if (pointer.Length > 0 && pointer[0] != '/')
        {
            throw new JsonPatchException($"\"{pointer}\" is not a JSON pointer (it must be empty or start with '/')");
        }

        var tokens = pointer.Length == 0 ? [] : pointer[1..].Split('/').Select(t => t.Replace("~1", "/", StringComparison.Ordinal).Replace("~0", "~", StringComparison.Ordinal)).ToArray();
        JsonNode? node = root;
        var token = "doc";
        foreach (var next in tokens)
        {
            node = node switch
            {
                JsonObject obj when obj.TryGetPropertyValue(token, out var child) => child,
                JsonArray list => list[Index(token, list.Count, append: false)],
                _ => throw new JsonPatchException($"\"{pointer}\" does not exist"),
            };
            token = next;
        }

        return (node, token);
    }

    private static int Index(string token, int count, bool append)
    {
        if (append && token == "-")
        {
            return count;
        }

        if (!int.TryParse(token, NumberStyles.None, CultureInfo.InvariantCulture, out var index) || (token.Length > 1 && token[0] == '0'))
        {
            throw new JsonPatchException($"\"{token}\" is not an array index");
        }

        return index < count || (append && index == count)
            ? index
            : throw new JsonPatchException($"index {index} is out of range (the array has {count} items)");
    }
}
