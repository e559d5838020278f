using System.Globalization;
using System.Text;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;

namespace ClusterFunctions.Core.Catalog.Yaml;

/// <summary>
/// Reads one YAML document into a JSON tree, refusing what the catalog never needs and attackers
/// love: anchors and aliases (alias bombs), custom tags, several documents in one file, duplicate
/// keys, and documents past the size, depth or node limits.
/// </summary>
public static partial class SafeYamlReader
{
    /// <summary>Parses <paramref name="text"/>; throws <see cref="YamlDocumentException"/> with a line number on any problem.</summary>
    public static JsonNode? Read(string text, YamlLimits limits)
    {
        var bytes = Encoding.UTF8.GetByteCount(text);
        if (bytes > limits.MaxBytes)
        {
            throw new YamlDocumentException($"document is {bytes} bytes; the limit is {limits.MaxBytes}");
        }

        var parser = new Parser(new StringReader(text));
        var state = new ReadState(limits);
        try
        {
            parser.Consume<StreamStart>();
            if (parser.TryConsume<StreamEnd>(out _))
            {
                return null;
            }

            parser.Consume<DocumentStart>();
            var root = ReadNode(parser, state, depth: 1);
            parser.Consume<DocumentEnd>();
            if (!parser.TryConsume<StreamEnd>(out _))
            {
                throw new YamlDocumentException($"line {parser.Current?.Start.Line}: only one YAML document per file is allowed");
            }

            return root;
        }
        catch (YamlException e)
        {
            throw new YamlDocumentException($"line {e.Start.Line}, column {e.Start.Column}: {FirstSentence(e.Message)}");
        }
        catch (InvalidOperationException)
        {
            // YamlDotNet's parser throws this, not a YamlException, on some unclosed flow collections ("key: [" then
            // more keys); found by ./bench/run hostile.
            throw new YamlDocumentException($"line {parser.Current?.Start.Line ?? 0}: the document is not well-formed YAML (an unclosed [ or {{?)");
        }
    }

    private static JsonNode? ReadNode(IParser parser, ReadState state, int depth)
    {
        var current = parser.Current ?? throw new YamlDocumentException("unexpected end of document");
        state.Count(current, depth);
        switch (current)
        {
            case AnchorAlias alias:
                throw new YamlDocumentException($"line {alias.Start.Line}: aliases (*{alias.Value}) are not allowed in catalog files");
            case Scalar scalar:
                RefuseAnchorAndTag(scalar);
                parser.MoveNext();
                return ToValue(scalar);
            case SequenceStart sequenceStart:
                RefuseAnchorAndTag(sequenceStart);
                parser.MoveNext();
                var array = new JsonArray();
                while (!parser.TryConsume<SequenceEnd>(out _))
                {
                    array.Add(ReadNode(parser, state, depth + 1));
                }

                return array;
            case MappingStart mappingStart:
                RefuseAnchorAndTag(mappingStart);
                parser.MoveNext();
                return ReadMapping(parser, state, depth);
            default:
                throw new YamlDocumentException($"line {current.Start.Line}: unexpected {current.GetType().Name}");
        }
    }

    private static JsonObject ReadMapping(IParser parser, ReadState state, int depth)
    {
        var map = new JsonObject();
        while (!parser.TryConsume<MappingEnd>(out _))
        {
            if (parser.Current is not Scalar key)
            {
                throw new YamlDocumentException($"line {parser.Current?.Start.Line}: mapping keys must be plain strings");
            }

            RefuseAnchorAndTag(key);
            state.Count(key, depth + 1);
            parser.MoveNext();
            if (map.ContainsKey(key.Value))
            {
                throw new YamlDocumentException($"line {key.Start.Line}: duplicate key '{key.Value}'");
            }

            map[key.Value] = ReadNode(parser, state, depth + 1);
        }

        return map;
    }

    private static void RefuseAnchorAndTag(NodeEvent node)
    {
        if (!node.Anchor.IsEmpty)
        {
            throw new YamlDocumentException($"line {node.Start.Line}: anchors (&{node.Anchor.Value}) are not allowed in catalog files");
        }

        if (!node.Tag.IsEmpty && !node.Tag.Value.StartsWith("tag:yaml.org,2002:", StringComparison.Ordinal))
        {
            throw new YamlDocumentException($"line {node.Start.Line}: custom tags ({node.Tag.Value}) are not allowed");
        }
    }

    // YAML 1.2 core schema for plain scalars; quoted scalars are always strings.
    private static JsonNode? ToValue(Scalar scalar)
    {
        var value = scalar.Value;
        if (scalar.Style != ScalarStyle.Plain)
        {
            return JsonValue.Create(value);
        }

        if (value is "" or "~" or "null" or "Null" or "NULL")
        {
            return null;
        }

        if (value is "true" or "True" or "TRUE")
        {
            return JsonValue.Create(true);
        }

        if (value is "false" or "False" or "FALSE")
        {
            return JsonValue.Create(false);
        }

        if (IntegerPattern().IsMatch(value) && long.TryParse(value, NumberStyles.AllowLeadingSign, CultureInfo.InvariantCulture, out var integer))
        {
            return JsonValue.Create(integer);
        }

        if (FloatPattern().IsMatch(value) && double.TryParse(value, NumberStyles.Float, CultureInfo.InvariantCulture, out var real))
        {
            return JsonValue.Create(real);
        }

        return JsonValue.Create(value);
    }

    private static string FirstSentence(string message)
    {
        var cut = message.IndexOf(". ", StringComparison.Ordinal);
        return cut > 0 ? message[..cut] : message.TrimEnd('.');
    }

    [GeneratedRegex("^[-+]?[0-9]+$")]
    private static partial Regex IntegerPattern();

    [GeneratedRegex(@"^[-+]?(\.[0-9]+|[0-9]+(\.[0-9]*)?)([eE][-+]?[0-9]+)?$")]
    private static partial Regex FloatPattern();

    private sealed class ReadState(YamlLimits limits)
    {
        private int nodes;

        public void Count(ParsingEvent at, int depth)
        {
            if (depth > limits.MaxDepth)
            {
                throw new YamlDocumentException($"line {at.Start.Line}: nesting is deeper than {limits.MaxDepth} levels");
            }

            if (++nodes > limits.MaxNodes)
            {
                throw new YamlDocumentException($"line {at.Start.Line}: document has more than {limits.MaxNodes} nodes");
            }
        }
    }
}
