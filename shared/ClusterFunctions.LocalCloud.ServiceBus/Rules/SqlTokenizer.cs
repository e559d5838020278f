using System.Text;

namespace ClusterFunctions.LocalCloud.ServiceBus.Rules;

/// <summary>Splits a Service Bus SQL filter into strings, numbers, names, operators and punctuation.</summary>
internal static class SqlTokenizer
{
    public static List<(string Kind, string Value, int Position)> Tokenize(string text)
    {
        var tokens = new List<(string, string, int)>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            var start = i;
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c == '\'')
            {
                var value = new StringBuilder();
                i++;
                while (true)
                {
                    if (i >= text.Length)
                    {
                        throw new FormatException($"sql-filter expression: unterminated string starting at position {start}");
                    }

                    if (text[i] == '\'' && i + 1 < text.Length && text[i + 1] == '\'')
                    {
                        value.Append('\'');
                        i += 2;
                    }
                    else if (text[i] == '\'')
                    {
                        i++;
                        break;
                    }
                    else
                    {
                        value.Append(text[i++]);
                    }
                }

                tokens.Add(("string", value.ToString(), start));
            }
            else if (char.IsDigit(c) || (c is '-' && i + 1 < text.Length && char.IsDigit(text[i + 1])))
            {
                i++;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] is '.' or 'e' or 'E'))
                {
                    i++;
                }

                tokens.Add(("number", text[start..i], start));
            }
            else if (char.IsLetter(c) || c is '_' or '$' or '[')
            {
                if (c == '[')
                {
                    var end = text.IndexOf(']', i);
                    if (end < 0)
                    {
                        throw new FormatException($"sql-filter expression: unterminated [name] at position {start}");
                    }

                    tokens.Add(("identifier", text[(i + 1)..end], start));
                    i = end + 1;
                    continue;
                }

                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] is '_' or '.' or '$' or '-'))
                {
                    i++;
                }

                tokens.Add(("identifier", text[start..i], start));
            }
            else if (c is '(' or ')' or ',')
            {
                tokens.Add(("punctuation", c.ToString(), start));
                i++;
            }
            else if (c is '=' or '<' or '>' or '!')
            {
                var two = i + 1 < text.Length ? text.Substring(i, 2) : "";
                var op = two is "<>" or "!=" or ">=" or "<=" ? two : c.ToString();
                if (op == "!")
                {
                    throw new FormatException($"sql-filter expression: unexpected '!' at position {start}");
                }

                tokens.Add(("operator", op, start));
                i += op.Length;
            }
            else
            {
                throw new FormatException($"sql-filter expression: unexpected '{c}' at position {start}");
            }
        }

        return tokens;
    }
}
