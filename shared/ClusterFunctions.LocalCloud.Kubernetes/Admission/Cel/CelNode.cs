namespace ClusterFunctions.LocalCloud.Kubernetes.Admission.Cel;

/// <summary>The syntax tree of a parsed CEL expression (the subset the emulator evaluates).</summary>
internal abstract record CelNode
{
    public sealed record Literal(object? Value) : CelNode;

    public sealed record Identifier(string Name) : CelNode;

    public sealed record Select(CelNode Operand, string Field) : CelNode;

    public sealed record Index(CelNode Operand, CelNode Key) : CelNode;

    /// <summary>A function call; <paramref name="Target"/> is the receiver of a method call (x.startsWith(y)).</summary>
    public sealed record Call(CelNode? Target, string Function, IReadOnlyList<CelNode> Arguments) : CelNode;

    public sealed record Unary(string Operator, CelNode Operand) : CelNode;

    public sealed record Binary(string Operator, CelNode Left, CelNode Right) : CelNode;

    public sealed record Conditional(CelNode Condition, CelNode WhenTrue, CelNode WhenFalse) : CelNode;

    public sealed record ListLiteral(IReadOnlyList<CelNode> Items) : CelNode;

    public sealed record MapLiteral(IReadOnlyList<(CelNode Key, CelNode Value)> Entries) : CelNode;
}
