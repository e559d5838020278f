using System.Globalization;
using System.Text;

namespace ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

/// <summary>Splits a CEL expression into tokens.</summary>
internal static class CelLexer
{
    private static readonly string[] Operators =
        ["==", "!=", "<=", ">=", "&&", "||", "<", ">", "!", "+", "-", "*", "/", "%", "?", ":", ".", ",", "(", ")", "[", "]", "{", "}"];

    public static List<CelToken> Tokenize(string text)
    {
        var tokens = new List<CelToken>();
        var i = 0;
        while (i < text.Length)
        {
            var c = text[i];
            if (char.IsWhiteSpace(c))
            {
                i++;
            }
            else if (c is '\'' or '"')
            {
                tokens.Add(ReadString(text, ref i));
            }
            else if (char.IsDigit(c))
            {
                var start = i;
                while (i < text.Length && (char.IsDigit(text[i]) || text[i] == '.'))
                {
                    i++;
                }

                var number = text[start..i];
                tokens.Add(number.Contains('.')
                    ? new CelToken("double", number, double.Parse(number, CultureInfo.InvariantCulture), start)
                    : new CelToken("int", number, long.Parse(number, CultureInfo.InvariantCulture), start));
                if (i < text.Length && text[i] == 'u')
                {
                    i++;
                }
            }
            else if (char.IsLetter(c) || c == '_')
            {
                var start = i;
                while (i < text.Length && (char.IsLetterOrDigit(text[i]) || text[i] == '_'))
                {
                    i++;
                }

                tokens.Add(new CelToken("ident", text[start..i], null, start));
            }
            else
            {
                var op = Operators.FirstOrDefault(o => string.CompareOrdinal(text, i, o, 0, o.Length) == 0)
                    ?? throw new CelException($"Syntax error: token recognition error at: '{c}' (position {i})");
                tokens.Add(new CelToken("op", op, null, i));
                i += op.Length;
            }
        }

        tokens.Add(new CelToken("end", "", null, text.Length));
        return tokens;
    }

    private static CelToken ReadString(string text, ref int i)
    {
        var start = i;
        var quote = text[i++];
        var value = new StringBuilder();
        while (i < text.Length && text[i] != quote)
        {
            if (text[i] == '\\' && i + 1 < text.Length)
            {
                i++;
                value.Append(text[i] switch { 'n' => '\n', 't' => '\t', 'r' => '\r', var other => other });
            }
            else
            {
                value.Append(text[i]);
            }

            i++;
        }

        if (i >= text.Length)
        {
            throw new CelException($"Syntax error: unterminated string starting at position {start}");
        }

        i++;
        return new CelToken("string", text[start..i], value.ToString(), start);
    }
}
