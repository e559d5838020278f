using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Core.Catalog;

/// <summary>Reads a profile's <c>reconcile: { interval: 10m, mode: report | repair }</c>.</summary>
internal static class ReconcileParser
{
    public static ReconcilePolicy? Read(DocumentReader reader, JsonObject root)
    {
        var block = reader.Object(root, "", "reconcile", required: false);
        if (block is null)
        {
            return null;
        }

        reader.OnlyKnownKeys(block, "reconcile", "interval", "mode");
        var text = reader.String(block, "reconcile", "interval", required: true);
        var interval = Ttl.Parse(text);
        if (text is not null && (interval is null || interval < ReconcilePolicy.ShortestInterval || interval > ReconcilePolicy.LongestInterval))
        {
            reader.Problem("reconcile.interval", $"must be a whole number followed by s, m or h, between {Ttl.Format(ReconcilePolicy.ShortestInterval)} and {Ttl.Format(ReconcilePolicy.LongestInterval)} (e.g. 10m), got '{text}'");
        }

        var mode = reader.String(block, "reconcile", "mode", required: false) ?? "report";
        if (mode is not ("report" or "repair"))
        {
            reader.Problem("reconcile.mode", $"must be report or repair, got '{mode}'");
        }

        return interval is { } every ? new ReconcilePolicy(every, mode == "repair" ? ReconcileMode.Repair : ReconcileMode.Report) : null;
    }
}
