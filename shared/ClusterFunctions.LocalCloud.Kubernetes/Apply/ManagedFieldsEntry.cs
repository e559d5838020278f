using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Apply;

/// <summary>One metadata.managedFields entry: which manager owns which fields, through apply or update.</summary>
internal sealed record ManagedFieldsEntry(string Manager, string Operation, string ApiVersion, string Time, FieldSet Fields)
{
    public const string ApplyOperation = "Apply";
    public const string UpdateOperation = "Update";

    public static List<ManagedFieldsEntry> Read(JsonObject? obj)
    {
        var entries = new List<ManagedFieldsEntry>();
        if (obj?["metadata"]?["managedFields"] is not JsonArray array)
        {
            return entries;
        }

        foreach (var item in array.OfType<JsonObject>())
        {
            entries.Add(new ManagedFieldsEntry(
                item["manager"]?.GetValue<string>() ?? "",
                item["operation"]?.GetValue<string>() ?? UpdateOperation,
                item["apiVersion"]?.GetValue<string>() ?? "",
                item["time"]?.GetValue<string>() ?? "",
                FieldSet.FromFieldsV1(item["fieldsV1"] as JsonObject)));
        }

        return entries;
    }

    public static void Write(JsonObject obj, IEnumerable<ManagedFieldsEntry> entries)
    {
        var array = new JsonArray();
        foreach (var entry in entries.Where(e => e.Fields.Count > 0))
        {
            array.Add(new JsonObject
            {
                ["apiVersion"] = entry.ApiVersion,
                ["fieldsType"] = "FieldsV1",
                ["fieldsV1"] = entry.Fields.ToFieldsV1(),
                ["manager"] = entry.Manager,
                ["operation"] = entry.Operation,
                ["time"] = entry.Time,
            });
        }

        var metadata = (JsonObject)obj["metadata"]!;
        if (array.Count == 0)
        {
            metadata.Remove("managedFields");
        }
        else
        {
            metadata["managedFields"] = array;
        }
    }
}
