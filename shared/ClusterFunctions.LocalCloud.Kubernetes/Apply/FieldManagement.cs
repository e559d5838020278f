using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>
/// Server-side apply and update field ownership: merges an applied configuration into the live
/// object, removes fields the manager stopped applying, detects conflicts with other managers and
/// keeps metadata.managedFields, as kube-apiserver does (with atomic lists).
/// </summary>
internal static class FieldManagement
{
    /// <summary>Returns the new object for an apply of <paramref name="applied"/> by <paramref name="manager"/>.</summary>
    public static JsonObject Apply(JsonObject? live, JsonObject applied, string manager, bool force, string apiVersion, string now)
    {
        var appliedFields = FieldSet.FromObject(applied);
        if (live is null)
        {
            var created = (JsonObject)applied.DeepClone();
            ManagedFieldsEntry.Write(created, [new(manager, ManagedFieldsEntry.ApplyOperation, apiVersion, now, appliedFields)]);
            return created;
        }

        var entries = ManagedFieldsEntry.Read(live);
        var conflicts = new List<FieldConflict>();
        for (var i = 0; i < entries.Count; i++)
        {
            var entry = entries[i];
            if (entry.Manager == manager && entry.Operation == ManagedFieldsEntry.ApplyOperation)
            {
                continue;
            }

            var clashing = appliedFields.Overlapping(entry.Fields)
                .Where(p => !SameValue(live, applied, p))
                .ToList();
            if (clashing.Count == 0)
            {
                continue;
            }

            conflicts.AddRange(clashing.Select(p => new FieldConflict(entry.Manager, entry.ApiVersion, p)));
            var taken = entry.Fields.Paths.Where(p => clashing.Any(c => p == c || FieldSet.IsInside(p, c) || FieldSet.IsInside(c, p))).ToList();
            entries[i] = entry with { Fields = entry.Fields.Without([.. taken, .. clashing]) };
        }

        if (conflicts.Count > 0 && !force)
        {
            throw new FieldConflictException(conflicts);
        }

        var mine = entries.FindIndex(e => e.Manager == manager && e.Operation == ManagedFieldsEntry.ApplyOperation);
        var previous = mine >= 0 ? entries[mine].Fields : FieldSet.Empty;
        var ownedByOthers = entries.Where((_, i) => i != mine).Aggregate(FieldSet.Empty, (acc, e) => acc.Union(e.Fields));

        var result = (JsonObject)live.DeepClone();
        foreach (var stale in previous.Except(appliedFields).Except(ownedByOthers).Paths)
        {
            // A list item stays while another manager still owns a field inside it.
            var item = FieldSet.IsMarker(stale) ? stale[..^2] : null;
            if (item is null || !ownedByOthers.Paths.Any(o => FieldSet.IsInside(o, item)))
            {
                JsonPaths.Remove(result, stale);
            }
        }

        var body = (JsonObject)applied.DeepClone();
        body.Remove("status");
        JsonPaths.Merge(result, body);

        var unchanged = mine >= 0 && previous.SetEquals(appliedFields);
        var entryTime = unchanged && conflicts.Count == 0 ? entries[mine].Time : now;
        var updated = new ManagedFieldsEntry(manager, ManagedFieldsEntry.ApplyOperation, apiVersion, entryTime, appliedFields);
        if (mine >= 0)
        {
            entries[mine] = updated;
        }
        else
        {
            entries.Add(updated);
        }

        ManagedFieldsEntry.Write(result, entries);
        return result;
    }

    /// <summary>Records an update (create, PUT, merge patch): the updater owns what it changed.</summary>
    public static void RecordUpdate(JsonObject? live, JsonObject updated, string manager, string apiVersion, string now)
    {
        var newFields = FieldSet.FromObject(updated);
        var entries = live is null ? [] : ManagedFieldsEntry.Read(live);
        var oldFields = live is null ? FieldSet.Empty : FieldSet.FromObject(live);
        var changed = newFields.Paths.Where(p => live is null || !SameValue(live, updated, p)).ToList();
        var removed = oldFields.Except(newFields).Paths.ToList();

        for (var i = 0; i < entries.Count; i++)
        {
            entries[i] = entries[i] with { Fields = entries[i].Fields.Without([.. changed, .. removed]) };
        }

        if (changed.Count > 0)
        {
            var mine = entries.FindIndex(e => e.Manager == manager && e.Operation == ManagedFieldsEntry.UpdateOperation);
            var owned = (mine >= 0 ? entries[mine].Fields : FieldSet.Empty).Union(SetOf(updated, changed));
            var entry = new ManagedFieldsEntry(manager, ManagedFieldsEntry.UpdateOperation, apiVersion, now, owned);
            if (mine >= 0)
            {
                entries[mine] = entry;
            }
            else
            {
                entries.Add(entry);
            }
        }

        ManagedFieldsEntry.Write(updated, entries);
    }

    private static FieldSet SetOf(JsonObject obj, IEnumerable<string> paths) =>
        FieldSet.FromObject(obj).Without(FieldSet.FromObject(obj).Paths.Except(paths, StringComparer.Ordinal).ToList());

    private static bool SameValue(JsonObject live, JsonObject applied, string path)
    {
        var inLive = JsonPaths.TryGet(live, path, out var liveValue);
        var inApplied = JsonPaths.TryGet(applied, path, out var appliedValue);

        // An item marker stands for the item's existence, not its contents.
        return inLive == inApplied && (FieldSet.IsMarker(path) || JsonPaths.Same(liveValue, appliedValue));
    }
}
