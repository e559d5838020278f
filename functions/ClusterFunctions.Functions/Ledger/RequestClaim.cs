namespace ClusterFunctions.Functions.Ledger;

/// <summary>What claiming a requestId found: it was free (and is now this cluster's), already this cluster's, or another's.</summary>
public enum RequestClaim
{
    Created,
    AlreadyMine,
    Taken,
}
