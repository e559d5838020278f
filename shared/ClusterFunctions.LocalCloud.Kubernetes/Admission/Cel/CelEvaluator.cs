using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;

namespace ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

/// <summary>
/// Evaluates a parsed CEL expression over JSON variables (object, oldObject, request, params...).
/// Maps are JsonObjects, lists are List&lt;object?&gt;, scalars are string, long, double or bool.
/// Errors follow CEL: they propagate, except that &amp;&amp; and || absorb an error the other side decides.
/// </summary>
internal sealed class CelEvaluator(IReadOnlyDictionary<string, object?> variables)
{
    public static object? FromJson(JsonNode? node) => node switch
    {
        null => null,
        JsonObject obj => obj,
        JsonArray array => array.Select(FromJson).ToList(),
        JsonValue value => value.GetValueKind() switch
        {
            JsonValueKind.String => value.GetValue<string>(),
            JsonValueKind.True => true,
            JsonValueKind.False => false,
            JsonValueKind.Number when value.TryGetValue<long>(out var l) => l,
            JsonValueKind.Number => value.GetValue<double>(),
            _ => null,
        },
        _ => throw new CelException($"unsupported JSON node {node.GetType().Name}"),
    };

    public object? Evaluate(CelNode node) => Evaluate(node, variables);

    private object? Evaluate(CelNode node, IReadOnlyDictionary<string, object?> scope) => node switch
    {
        CelNode.Literal l => l.Value,
        CelNode.Identifier id => scope.TryGetValue(id.Name, out var value) ? value : throw new CelException($"undeclared reference to '{id.Name}'"),
        CelNode.Select s => Field(Evaluate(s.Operand, scope), s.Field),
        CelNode.Index ix => IndexOf(Evaluate(ix.Operand, scope), Evaluate(ix.Key, scope)),
        CelNode.Unary { Operator: "!" } u => !AsBool(Evaluate(u.Operand, scope), "!"),
        CelNode.Unary u => Evaluate(u.Operand, scope) switch
        {
            long n => -n,
            double d => -d,
            var other => throw new CelException($"no such overload: -{TypeName(other)}"),
        },
        CelNode.Binary { Operator: "&&" or "||" } b => Logical(b, scope),
        CelNode.Binary b => Binary(b.Operator, Evaluate(b.Left, scope), Evaluate(b.Right, scope)),
        CelNode.Conditional c => AsBool(Evaluate(c.Condition, scope), "?:") ? Evaluate(c.WhenTrue, scope) : Evaluate(c.WhenFalse, scope),
        CelNode.ListLiteral list => list.Items.Select(i => Evaluate(i, scope)).ToList(),
        CelNode.MapLiteral map => Map(map, scope),
        CelNode.Call call => Call(call, scope),
        _ => throw new CelException($"unsupported expression {node.GetType().Name}"),
    };

    private object? Logical(CelNode.Binary b, IReadOnlyDictionary<string, object?> scope)
    {
        var decisive = b.Operator == "||";
        CelException? error = null;
        foreach (var side in new[] { b.Left, b.Right })
        {
            try
            {
                if (AsBool(Evaluate(side, scope), b.Operator) == decisive)
                {
                    return decisive;
                }
            }
            catch (CelException e)
            {
                error ??= e;
            }
        }

        return error is null ? !decisive : throw error;
    }

    private object? Call(CelNode.Call call, IReadOnlyDictionary<string, object?> scope)
    {
        if (call is { Target: null, Function: "has" })
        {
            if (call.Arguments is not [CelNode.Select select])
            {
                throw new CelException("invalid argument to has() macro");
            }

            return Evaluate(select.Operand, scope) is JsonObject map && map.ContainsKey(select.Field);
        }

        if (call.Target is not null && call.Function is "exists" or "all" or "filter" or "map" or "exists_one")
        {
            return Comprehension(call, scope);
        }

        var target = call.Target is null ? null : Evaluate(call.Target, scope);
        var args = call.Arguments.Select(a => Evaluate(a, scope)).ToList();
        return (call.Function, target, args) switch
        {
            ("size", null, [var x]) => Size(x),
            ("size", var x, []) => Size(x),
            ("startsWith", string s, [string p]) => s.StartsWith(p, StringComparison.Ordinal),
            ("endsWith", string s, [string p]) => s.EndsWith(p, StringComparison.Ordinal),
            ("contains", string s, [string p]) => s.Contains(p, StringComparison.Ordinal),
            ("matches", string s, [string p]) => Regex.IsMatch(s, p, RegexOptions.None, TimeSpan.FromSeconds(1)),
            ("lowerAscii", string s, []) => s.ToLowerInvariant(),
            ("string", null, [var x]) => x switch { string s => s, bool b => b ? "true" : "false", null => "null", _ => Convert.ToString(x, System.Globalization.CultureInfo.InvariantCulture) },
            ("int", null, [long n]) => n,
            ("int", null, [string s]) when long.TryParse(s, out var n) => n,
            _ => throw new CelException($"found no matching overload for '{call.Function}' applied to '({string.Join(", ", args.Select(TypeName))})'"),
        };
    }

    private object? Comprehension(CelNode.Call call, IReadOnlyDictionary<string, object?> scope)
    {
        if (call.Arguments is not [CelNode.Identifier variable, var body])
        {
            throw new CelException($"{call.Function}() takes a variable name and an expression");
        }

        var range = Evaluate(call.Target!, scope) switch
        {
            List<object?> list => list,
            JsonObject map => map.Select(kv => (object?)kv.Key).ToList(),
            var other => throw new CelException($"no such overload: {TypeName(other)}.{call.Function}"),
        };
        var inner = new Dictionary<string, object?>(scope);
        object? Apply(object? item)
        {
            inner[variable.Name] = item;
            return Evaluate(body, inner);
        }

        return call.Function switch
        {
            "exists" => range.Any(i => AsBool(Apply(i), "exists")),
            "all" => range.All(i => AsBool(Apply(i), "all")),
            "exists_one" => range.Count(i => AsBool(Apply(i), "exists_one")) == 1,
            "filter" => range.Where(i => AsBool(Apply(i), "filter")).ToList(),
            _ => range.Select(Apply).ToList(),
        };
    }

    private JsonObject Map(CelNode.MapLiteral map, IReadOnlyDictionary<string, object?> scope)
    {
        var result = new JsonObject();
        foreach (var (key, value) in map.Entries)
        {
            result[Evaluate(key, scope)?.ToString() ?? "null"] = JsonSerializer.SerializeToNode(Evaluate(value, scope));
        }

        return result;
    }

    private static object? Field(object? operand, string field) => operand switch
    {
        JsonObject map when map.TryGetPropertyValue(field, out var value) => FromJson(value),
        JsonObject => throw new CelException($"no such key: {field}"),
        null => throw new CelException($"no such key: {field}"),
        _ => throw new CelException($"type '{TypeName(operand)}' does not support field selection"),
    };

    private static object? IndexOf(object? operand, object? key) => (operand, key) switch
    {
        (JsonObject map, string k) => Field(map, k),
        (List<object?> list, long i) when i >= 0 && i < list.Count => list[(int)i],
        (List<object?>, long i) => throw new CelException($"index out of bounds: {i}"),
        _ => throw new CelException($"found no matching overload for '_[_]' applied to '({TypeName(operand)}, {TypeName(key)})'"),
    };

    private static object? Binary(string op, object? left, object? right) => op switch
    {
        "==" => CelValues.AreEqual(left, right),
        "!=" => !CelValues.AreEqual(left, right),
        "in" => right switch
        {
            List<object?> list => list.Any(i => CelValues.AreEqual(i, left)),
            JsonObject map when left is string key => map.ContainsKey(key),
            _ => throw new CelException($"found no matching overload for '@in' applied to '({TypeName(left)}, {TypeName(right)})'"),
        },
        "<" or "<=" or ">" or ">=" => CelValues.Compare(op, left, right),
        _ => CelValues.Arithmetic(op, left, right),
    };

    private static long Size(object? x) => x switch
    {
        string s => s.Length,
        List<object?> l => l.Count,
        JsonObject m => m.Count,
        _ => throw new CelException($"found no matching overload for 'size' applied to '({TypeName(x)})'"),
    };

    private static bool AsBool(object? value, string op) =>
        value as bool? ?? throw new CelException($"no such overload: {op} applied to {TypeName(value)}");

    public static string TypeName(object? value) => value switch
    {
        null => "null_type",
        string => "string",
        long => "int",
        double => "double",
        bool => "bool",
        List<object?> => "list",
        JsonObject => "map",
        _ => value.GetType().Name,
    };
}
