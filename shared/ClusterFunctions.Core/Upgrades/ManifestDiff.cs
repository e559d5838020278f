using System.Text.Json.Nodes;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Core.Upgrades;

/// <summary>
/// Turns a dry-run apply of the new plan against the live cluster into the objects an upgrade creates, changes and
/// deletes. Every object carries the profile version, so a dry run finds each one "configured"; one whose manifest is
/// otherwise the same in both plans is only restamped, and is counted rather than listed as a change.
/// </summary>
public static class ManifestDiff
{
    public static ManifestChanges Compare(ClusterPlan old, ClusterPlan next, IEnumerable<AppliedObject> dryRun)
    {
        var before = Manifests(old);
        var after = Manifests(next);
        var create = new List<string>();
        var change = new List<string>();
        var restamped = 0;
        foreach (var applied in dryRun)
        {
            var name = applied.Object.ToString();
            if (applied.Outcome == ApplyOutcome.Created)
            {
                create.Add(name);
            }
            else if (applied.Outcome == ApplyOutcome.Configured)
            {
                var same = before.TryGetValue(name, out var was) && after.TryGetValue(name, out var now) && Unstamped(was) == Unstamped(now);
                if (same)
                {
                    restamped++;
                }
                else
                {
                    change.Add(name);
                }
            }
        }

        var delete = before.Keys.Where(k => !after.ContainsKey(k)).Order(StringComparer.Ordinal).ToList();
        return new ManifestChanges([.. create.Order(StringComparer.Ordinal)], [.. change.Order(StringComparer.Ordinal)], delete, restamped);
    }

    private static Dictionary<string, string> Manifests(ClusterPlan plan) =>
        plan.Levels.SelectMany(l => l.Bundles).SelectMany(b => b.Manifests)
            .ToDictionary(m => new KubernetesObjectRef(m.ApiVersion, m.Kind, m.Namespace, m.Name).ToString(), m => m.Json, StringComparer.Ordinal);

    private static string Unstamped(string json)
    {
        var node = JsonNode.Parse(json)!;
        (node["metadata"]?["annotations"] as JsonObject)?.Remove(InventoryLabels.ProfileVersionAnnotation);
        return node.ToJsonString();
    }
}
