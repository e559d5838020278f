namespace ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

/// <summary>A recursive-descent parser for CEL with its usual precedence (?:, ||, &amp;&amp;, relations, +, *, unary, member).</summary>
internal sealed class CelParser
{
    private readonly List<CelToken> _tokens;
    private int _position;

    private CelParser(List<CelToken> tokens) => _tokens = tokens;

    public static CelNode Parse(string expression)
    {
        var parser = new CelParser(CelLexer.Tokenize(expression));
        var node = parser.Conditional();
        if (parser.Peek.Kind != "end")
        {
            throw new CelException($"Syntax error: unexpected '{parser.Peek.Text}' at position {parser.Peek.Position}");
        }

        return node;
    }

    private CelToken Peek => _tokens[_position];

    private CelNode Conditional()
    {
        var condition = Or();
        if (!Accept("?"))
        {
            return condition;
        }

        var whenTrue = Conditional();
        Expect(":");
        return new CelNode.Conditional(condition, whenTrue, Conditional());
    }

    private CelNode Or()
    {
        var left = And();
        while (Accept("||"))
        {
            left = new CelNode.Binary("||", left, And());
        }

        return left;
    }

    private CelNode And()
    {
        var left = Relation();
        while (Accept("&&"))
        {
            left = new CelNode.Binary("&&", left, Relation());
        }

        return left;
    }

    private CelNode Relation()
    {
        var left = Addition();
        while (true)
        {
            var op = Peek.Kind == "op" && Peek.Text is "==" or "!=" or "<" or "<=" or ">" or ">=" ? Peek.Text
                : Peek.Kind == "ident" && Peek.Text == "in" ? "in" : null;
            if (op is null)
            {
                return left;
            }

            _position++;
            left = new CelNode.Binary(op, left, Addition());
        }
    }

    private CelNode Addition()
    {
        var left = Multiplication();
        while (Peek.Kind == "op" && Peek.Text is "+" or "-")
        {
            var op = _tokens[_position++].Text;
            left = new CelNode.Binary(op, left, Multiplication());
        }

        return left;
    }

    private CelNode Multiplication()
    {
        var left = Unary();
        while (Peek.Kind == "op" && Peek.Text is "*" or "/" or "%")
        {
            var op = _tokens[_position++].Text;
            left = new CelNode.Binary(op, left, Unary());
        }

        return left;
    }

    private CelNode Unary()
    {
        if (Peek.Kind == "op" && Peek.Text is "!" or "-")
        {
            var op = _tokens[_position++].Text;
            return new CelNode.Unary(op, Unary());
        }

        return Member();
    }

    private CelNode Member()
    {
        var node = Primary();
        while (true)
        {
            if (Accept("."))
            {
                var name = ExpectIdentifier();
                node = Accept("(") ? new CelNode.Call(node, name, Arguments(")")) : new CelNode.Select(node, name);
            }
            else if (Accept("["))
            {
                var key = Conditional();
                Expect("]");
                node = new CelNode.Index(node, key);
            }
            else
            {
                return node;
            }
        }
    }

    private CelNode Primary()
    {
        var token = _tokens[_position++];
        switch (token.Kind)
        {
            case "string" or "int" or "double":
                return new CelNode.Literal(token.Value);
            case "ident" when token.Text is "true" or "false":
                return new CelNode.Literal(token.Text == "true");
            case "ident" when token.Text == "null":
                return new CelNode.Literal(null);
            case "ident":
                return Accept("(") ? new CelNode.Call(null, token.Text, Arguments(")")) : new CelNode.Identifier(token.Text);
            case "op" when token.Text == "(":
                var inner = Conditional();
                Expect(")");
                return inner;
            case "op" when token.Text == "[":
                return new CelNode.ListLiteral(Arguments("]"));
            case "op" when token.Text == "{":
                return MapLiteral();
            default:
                throw new CelException($"Syntax error: unexpected '{token.Text}' at position {token.Position}");
        }
    }

    private CelNode MapLiteral()
    {
        var entries = new List<(CelNode, CelNode)>();
        while (!Accept("}"))
        {
            var key = Conditional();
            Expect(":");
            entries.Add((key, Conditional()));
            if (!Accept(","))
            {
                Expect("}");
                break;
            }
        }

        return new CelNode.MapLiteral(entries);
    }

    private List<CelNode> Arguments(string close)
    {
        var items = new List<CelNode>();
        if (Accept(close))
        {
            return items;
        }

        do
        {
            items.Add(Conditional());
        }
        while (Accept(","));
        Expect(close);
        return items;
    }

    private bool Accept(string op)
    {
        if (Peek.Kind == "op" && Peek.Text == op)
        {
            _position++;
            return true;
        }

        return false;
    }

    private void Expect(string op)
    {
        if (!Accept(op))
        {
            throw new CelException($"Syntax error: expected '{op}' at position {Peek.Position}, found '{Peek.Text}'");
        }
    }

    private string ExpectIdentifier()
    {
        var token = _tokens[_position++];
        return token.Kind == "ident" ? token.Text : throw new CelException($"Syntax error: expected a field name at position {token.Position}");
    }
}
