using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.Unicode;

namespace ClusterFunctions.Core.Json;

/// <summary>
/// Parses JSON under rules System.Text.Json does not enforce on its own: a repeated property name is
/// refused (not "last wins"), nesting, sizes and number ranges are bounded, strings may not carry
/// control or text-reordering characters, and nothing may follow the value. The first breach ends
/// parsing with a <see cref="JsonFieldError"/> naming where it is; no input makes it throw.
/// </summary>
public static class StrictJsonParser
{
    private static ReadOnlySpan<byte> Utf8Bom => [0xEF, 0xBB, 0xBF];

    /// <summary>The document's tree, or null with the one error that stopped parsing.</summary>
    public static (JsonNode? Root, JsonFieldError? Error) Parse(ReadOnlySpan<byte> utf8, StrictJsonLimits limits)
    {
        ArgumentNullException.ThrowIfNull(limits);
        if (utf8.Length > limits.MaxBytes)
        {
            return (null, new JsonFieldError("", $"body is {utf8.Length} bytes; the limit is {limits.MaxBytes}"));
        }

        if (utf8.StartsWith(Utf8Bom))
        {
            utf8 = utf8[Utf8Bom.Length..];
        }

        if (utf8.Trim(" \t\r\n"u8).IsEmpty)
        {
            return (null, new JsonFieldError("", "body is empty; expected a JSON object"));
        }

        if (!Utf8.IsValid(utf8))
        {
            return (null, new JsonFieldError("", "body is not valid UTF-8"));
        }

        var state = new State(limits);
        var reader = new Utf8JsonReader(utf8, new JsonReaderOptions { MaxDepth = limits.MaxDepth + 1, CommentHandling = JsonCommentHandling.Disallow });
        try
        {
            reader.Read();
            var root = ReadValue(ref reader, "", 0, state);
            state.Path = "";
            if (state.Error is null && reader.Read())
            {
                state.Fail("", "unexpected content after the JSON value");
            }

            return state.Error is null ? (root, null) : (null, state.Error);
        }
        catch (JsonException e)
        {
            return (null, new JsonFieldError(state.Path, $"malformed JSON at line {e.LineNumber + 1}, byte {e.BytePositionInLine + 1}: {Reason(e.Message)}"));
        }
    }

    private static JsonNode? ReadValue(ref Utf8JsonReader reader, string path, int depth, State state)
    {
        state.Path = path;
        switch (reader.TokenType)
        {
            case JsonTokenType.StartObject:
                return ReadObject(ref reader, path, depth + 1, state);
            case JsonTokenType.StartArray:
                return ReadArray(ref reader, path, depth + 1, state);
            case JsonTokenType.String:
                return ReadString(ref reader, path, state, state.Limits.MaxStringLength) is { } text ? JsonValue.Create(text) : null;
            case JsonTokenType.Number:
                if (reader.TryGetInt64(out var whole))
                {
                    return JsonValue.Create(whole);
                }

                if (reader.TryGetDouble(out var real) && double.IsFinite(real))
                {
                    return JsonValue.Create(real);
                }

                return state.Fail(path, "number out of range");
            case JsonTokenType.True or JsonTokenType.False:
                return JsonValue.Create(reader.GetBoolean());
            default:
                return null;
        }
    }

    private static JsonObject? ReadObject(ref Utf8JsonReader reader, string path, int depth, State state)
    {
        if (depth > state.Limits.MaxDepth)
        {
            return state.Fail<JsonObject>(path, $"nested deeper than {state.Limits.MaxDepth} levels");
        }

        var result = new JsonObject();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = ReadString(ref reader, path, state, state.Limits.MaxPropertyNameLength);
            if (name is null)
            {
                return null;
            }

            var child = JsonPath.Property(path, name);
            if (result.ContainsKey(name))
            {
                return state.Fail<JsonObject>(child, "appears more than once; each field may be given once");
            }

            reader.Read();
            var value = ReadValue(ref reader, child, depth, state);
            if (state.Error is not null)
            {
                return null;
            }

            result[name] = value;
        }

        return result;
    }

    private static JsonArray? ReadArray(ref Utf8JsonReader reader, string path, int depth, State state)
    {
        if (depth > state.Limits.MaxDepth)
        {
            return state.Fail<JsonArray>(path, $"nested deeper than {state.Limits.MaxDepth} levels");
        }

        var result = new JsonArray();
        while (reader.Read() && reader.TokenType != JsonTokenType.EndArray)
        {
            var value = ReadValue(ref reader, JsonPath.Item(path, result.Count), depth, state);
            if (state.Error is not null)
            {
                return null;
            }

            result.Add(value);
        }

        return result;
    }

    private static string? ReadString(ref Utf8JsonReader reader, string path, State state, int maxLength)
    {
        var what = reader.TokenType == JsonTokenType.PropertyName ? "field name" : "string";

        // Escapes can only shrink text, so the raw length bounds the decoded one before anything is allocated.
        var raw = reader.HasValueSequence ? reader.ValueSequence.Length : reader.ValueSpan.Length;
        if (!reader.ValueIsEscaped && raw > maxLength * 3L)
        {
            return state.Fail<string>(path, $"{what} is longer than {maxLength} characters");
        }

        string text;
        try
        {
            text = reader.GetString()!;
        }
        catch (InvalidOperationException)
        {
            // System.Text.Json refuses a lone surrogate escape such as "\ud800" here.
            return state.Fail<string>(path, $"{what} is not valid Unicode (a lone surrogate escape)");
        }

        if (text.Length > maxLength)
        {
            return state.Fail<string>(path, $"{what} is longer than {maxLength} characters ({text.Length})");
        }

        foreach (var c in text)
        {
            if ((char.IsControl(c) && c is not ('\t' or '\n' or '\r')) || JsonPath.IsBidiControl(c))
            {
                return state.Fail<string>(path, $"{what} contains the control character U+{(int)c:X4}, which is not allowed");
            }
        }

        return text;
    }

    // System.Text.Json's reason without its own position suffix (the error already says where).
    private static string Reason(string message)
    {
        var cut = message.IndexOf(" LineNumber:", StringComparison.Ordinal);
        return (cut > 0 ? message[..cut] : message).TrimEnd('.', ' ');
    }

    private sealed class State(StrictJsonLimits limits)
    {
        public StrictJsonLimits Limits { get; } = limits;

        public JsonFieldError? Error { get; private set; }

        /// <summary>Where the reader is, so a syntax error is reported at the field it broke.</summary>
        public string Path { get; set; } = "";

        public JsonNode? Fail(string path, string message) => Fail<JsonNode>(path, message);

        public T? Fail<T>(string path, string message)
            where T : class
        {
            Error ??= new JsonFieldError(path, message);
            return null;
        }
    }
}
