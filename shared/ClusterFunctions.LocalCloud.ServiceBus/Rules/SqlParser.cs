using System.Globalization;
using System.Text;
using System.Text.RegularExpressions;
using Amqp;

namespace ClusterFunctions.LocalCloud.ServiceBus.Rules;

/// <summary>A recursive-descent parser turning a Service Bus SQL filter into an evaluator.</summary>
internal sealed class SqlParser(string text)
{
    readonly List<(string Kind, string Value, int Position)> tokens = SqlTokenizer.Tokenize(text);
    int index;

    public Func<Message, object?> ParseAll()
    {
        var expression = ParseOr();
        if (index < tokens.Count)
        {
            throw Error($"unexpected '{tokens[index].Value}'");
        }

        return expression;
    }

    Func<Message, object?> ParseOr()
    {
        var left = ParseAnd();
        while (TakeKeyword("OR"))
        {
            var l = left;
            var right = ParseAnd();
            left = m => l(m) is true || right(m) is true;
        }

        return left;
    }

    Func<Message, object?> ParseAnd()
    {
        var left = ParseNot();
        while (TakeKeyword("AND"))
        {
            var l = left;
            var right = ParseNot();
            left = m => l(m) is true && right(m) is true;
        }

        return left;
    }

    Func<Message, object?> ParseNot()
    {
        if (TakeKeyword("NOT"))
        {
            var inner = ParseNot();
            return m => inner(m) is bool b ? !b : null;
        }

        return ParsePredicate();
    }

    Func<Message, object?> ParsePredicate()
    {
        if (TakeKeyword("EXISTS"))
        {
            Expect("(");
            var name = Next("identifier", "a property name");
            Expect(")");
            return m => SqlFilter.Property(m, name) is not null;
        }

        if (Peek("(") )
        {
            index++;
            var inner = ParseOr();
            Expect(")");
            return inner;
        }

        var left = ParseOperand();
        if (TakeKeyword("IS"))
        {
            var negate = TakeKeyword("NOT");
            if (!TakeKeyword("NULL"))
            {
                throw Error("expected NULL after IS");
            }

            return m => (left(m) is null) != negate;
        }

        var not = TakeKeyword("NOT");
        if (TakeKeyword("LIKE"))
        {
            var pattern = LikePattern(Next("string", "a quoted pattern"));
            return m => left(m) is string s ? pattern.IsMatch(s) != not : null;
        }

        if (TakeKeyword("IN"))
        {
            Expect("(");
            var values = new List<Func<Message, object?>> { ParseOperand() };
            while (Peek(","))
            {
                index++;
                values.Add(ParseOperand());
            }

            Expect(")");
            return m => left(m) is { } value ? values.Any(v => SqlFilter.Compare(value, v(m)) == 0) != not : null;
        }

        if (not)
        {
            throw Error("expected LIKE or IN after NOT");
        }

        if (index < tokens.Count && tokens[index].Kind == "operator")
        {
            var op = tokens[index++].Value;
            var right = ParseOperand();
            return op switch
            {
                "=" => m => SqlFilter.Compare(left(m), right(m)) is { } c ? c == 0 : null,
                "<>" or "!=" => m => SqlFilter.Compare(left(m), right(m)) is { } c ? c != 0 : null,
                ">" => m => SqlFilter.Compare(left(m), right(m)) is { } c ? c > 0 : null,
                ">=" => m => SqlFilter.Compare(left(m), right(m)) is { } c ? c >= 0 : null,
                "<" => m => SqlFilter.Compare(left(m), right(m)) is { } c ? c < 0 : null,
                _ => m => SqlFilter.Compare(left(m), right(m)) is { } c ? c <= 0 : null,
            };
        }

        return left; // a bare boolean operand, e.g. TRUE or a boolean property
    }

    Func<Message, object?> ParseOperand()
    {
        if (index >= tokens.Count)
        {
            throw Error("expected a value or a property name");
        }

        var (kind, value, _) = tokens[index++];
        switch (kind)
        {
            case "string":
                return _ => value;
            case "number":
                object number = value.Contains('.', StringComparison.Ordinal) || value.Contains('e', StringComparison.OrdinalIgnoreCase)
                    ? double.Parse(value, CultureInfo.InvariantCulture)
                    : long.Parse(value, CultureInfo.InvariantCulture);
                return _ => number;
            case "identifier" when value.Equals("TRUE", StringComparison.OrdinalIgnoreCase):
                return _ => true;
            case "identifier" when value.Equals("FALSE", StringComparison.OrdinalIgnoreCase):
                return _ => false;
            case "identifier" when value.Equals("NULL", StringComparison.OrdinalIgnoreCase):
                return _ => null;
            case "identifier":
                return m => SqlFilter.Property(m, value);
            default:
                index--;
                throw Error($"unexpected '{value}'");
        }
    }

    static Regex LikePattern(string pattern)
    {
        var regex = new StringBuilder("^");
        foreach (var c in pattern)
        {
            regex.Append(c switch { '%' => ".*", '_' => ".", _ => Regex.Escape(c.ToString()) });
        }

        return new Regex(regex.Append('$').ToString(), RegexOptions.Singleline | RegexOptions.CultureInvariant, TimeSpan.FromMilliseconds(100));
    }

    bool TakeKeyword(string keyword)
    {
        if (index < tokens.Count && tokens[index].Kind == "identifier" && tokens[index].Value.Equals(keyword, StringComparison.OrdinalIgnoreCase))
        {
            index++;
            return true;
        }

        return false;
    }

    bool Peek(string punctuation) => index < tokens.Count && tokens[index].Kind == "punctuation" && tokens[index].Value == punctuation;

    void Expect(string punctuation)
    {
        if (!Peek(punctuation))
        {
            throw Error($"expected '{punctuation}'");
        }

        index++;
    }

    string Next(string kind, string what)
    {
        if (index >= tokens.Count || tokens[index].Kind != kind)
        {
            throw Error($"expected {what}");
        }

        return tokens[index++].Value;
    }

    FormatException Error(string message)
    {
        var position = index < tokens.Count ? tokens[index].Position : text.Length;
        return new FormatException($"sql-filter expression: {message} at position {position}");
    }
}
