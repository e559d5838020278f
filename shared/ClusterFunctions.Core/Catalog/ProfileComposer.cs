using System.Text.Json.Nodes;

namespace ClusterFunctions.Core.Catalog;

/// <summary>
/// Merges a profile with the chain of profiles it extends. Mappings merge key by key; lists of named
/// items (node pools, apps, policies) merge by <c>name</c>, new names appended; other values replace.
/// </summary>
public static class ProfileComposer
{
    private const int MaxChain = 8;

    /// <summary>The merged profile document, or null with the problems that prevented it.</summary>
    public static JsonObject? Compose(Catalog catalog, string profileName, ICollection<CatalogProblem> problems)
    {
        var chain = new List<CatalogDocument>();
        var name = profileName;
        while (name is not null)
        {
            if (!catalog.Profiles.TryGetValue(name, out var document))
            {
                var from = chain.Count == 0 ? null : chain[^1];
                problems.Add(from is null
                    ? new CatalogProblem("request", "profile", $"unknown profile '{name}' (known: {string.Join(", ", ConcreteProfiles(catalog))})")
                    : new CatalogProblem(from.File, "extends", $"unknown profile '{name}'"));
                return null;
            }

            if (chain.Any(d => d.Name == name) || chain.Count >= MaxChain)
            {
                problems.Add(new CatalogProblem(chain[0].File, "extends", $"profile inheritance is cyclic or deeper than {MaxChain}: {string.Join(" -> ", chain.Select(d => d.Name).Append(name))}"));
                return null;
            }

            chain.Add(document);
            name = document.Root["extends"] is JsonValue v && v.TryGetValue<string>(out var parent) ? parent : null;
        }

        var merged = new JsonObject();
        for (var i = chain.Count - 1; i >= 0; i--)
        {
            merged = Merge(merged, chain[i].Root);
        }

        merged.Remove("abstract");
        merged.Remove("extends");
        merged["name"] = profileName;
        return merged;
    }

    /// <summary>The profiles a request may name (those not marked abstract).</summary>
    public static IEnumerable<string> ConcreteProfiles(Catalog catalog) =>
        catalog.Profiles.Values
            .Where(d => !(d.Root["abstract"] is JsonValue v && v.TryGetValue<bool>(out var a) && a))
            .Select(d => d.Name)
            .Order(StringComparer.Ordinal);

    private static JsonObject Merge(JsonObject baseNode, JsonObject overlay)
    {
        var result = (JsonObject)baseNode.DeepClone();
        foreach (var (key, value) in overlay)
        {
            result[key] = MergeValue(result[key], value);
        }

        return result;
    }

    private static JsonNode? MergeValue(JsonNode? baseValue, JsonNode? overlay) => (baseValue, overlay) switch
    {
        (JsonObject b, JsonObject o) => Merge(b, o),
        (JsonArray b, JsonArray o) when IsNamedList(b) && IsNamedList(o) => MergeNamedLists(b, o),
        _ => overlay?.DeepClone(),
    };

    private static bool IsNamedList(JsonArray array) =>
        array.All(item => item is JsonObject o && o["name"] is JsonValue v && v.TryGetValue<string>(out _));

    private static JsonArray MergeNamedLists(JsonArray baseList, JsonArray overlay)
    {
        var result = (JsonArray)baseList.DeepClone();
        foreach (var item in overlay.Cast<JsonObject>())
        {
            var name = item["name"]!.GetValue<string>();
            var index = result.Select((n, i) => (n, i)).FirstOrDefault(p => p.n!["name"]!.GetValue<string>() == name, (null, -1)).Item2;
            if (index < 0)
            {
                result.Add(item.DeepClone());
            }
            else
            {
                result[index] = Merge((JsonObject)result[index]!, item);
            }
        }

        return result;
    }
}
