namespace ClusterFunctions.Bench.Hostile;

/// <summary>What one hostile input got.</summary>
internal enum Outcome
{
    /// <summary>Valid after all (a mutation can leave a request valid): accepted.</summary>
    Accepted,

    /// <summary>Refused with a clear answer: a 4xx with a JSON error and no stack trace, a dead-letter with a reason, catalog problems.</summary>
    ClearRefusal,

    /// <summary>Refused, but with a body that names nothing or shows a stack trace.</summary>
    UnclearRefusal,

    /// <summary>5xx, or an exception out of the catalog loader.</summary>
    ServerError,

    /// <summary>No answer within the deadline.</summary>
    Hang,
}
