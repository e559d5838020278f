using System.Text.Json;
using Azure.Data.Tables;
using ClusterFunctions.Functions.Reconcile;
using ClusterFunctions.Functions.Triggers;

namespace ClusterFunctions.Bench.Reconcile;

/// <summary>
/// The checks the reconcile loops really made, from the app's own record: each loop's custom status carries the time of
/// its last check, read from the task hub's instances table straight from Azurite (past the counting proxy, so reading
/// adds no counted transactions). Read more often than the interval, every check's time is seen before the next
/// replaces it; the checks of a window are the distinct times that fall in it.
/// </summary>
internal sealed class ReconcileChecks(string azuriteConnectionString, string taskHub)
{
    private static readonly JsonSerializerOptions Json = new() { PropertyNameCaseInsensitive = true };
    private static readonly string Prefix = ClusterBuildScheduler.ReconcileInstanceId("");

    private readonly TableClient _instances = new(azuriteConnectionString, taskHub + "Instances");
    private readonly HashSet<(string Loop, DateTimeOffset CheckedAt)> _seen = [];

    /// <summary>Reads every loop's last check once.</summary>
    public async Task ObserveAsync(CancellationToken cancellationToken = default)
    {
        // Instance ids are the partition keys; "reconcile." is the first key after every "reconcile-…".
        string filter = TableClient.CreateQueryFilter($"PartitionKey ge {Prefix} and PartitionKey lt {Prefix[..^1] + "."}");
        try
        {
            await foreach (TableEntity row in _instances.QueryAsync<TableEntity>(filter, select: ["PartitionKey", "CustomStatus"], cancellationToken: cancellationToken))
            {
                if (row.GetString("CustomStatus") is { Length: > 0 } text && JsonSerializer.Deserialize<ReconcileStatus>(text, Json) is { } status)
                {
                    _seen.Add((row.PartitionKey, status.CheckedAt));
                }
            }
        }
        catch (global::Azure.RequestFailedException e) when (e.Status == 404)
        {
            // No orchestration yet: the engine creates the table with the first one.
        }
    }

    /// <summary>Checks made in [<paramref name="from"/>, <paramref name="to"/>), over all loops.</summary>
    public int Between(DateTimeOffset from, DateTimeOffset to) => _seen.Count(s => s.CheckedAt >= from && s.CheckedAt < to);

    /// <summary>Loops that have made at least one check.</summary>
    public int Loops => _seen.Select(s => s.Loop).Distinct().Count();
}
