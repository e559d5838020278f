using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Catalog.Definitions;

namespace ClusterFunctions.Core.Plans;

/// <summary>Combines a bundle's parameter defaults with a profile's overrides, checking each override.</summary>
internal static class ParameterBinder
{
    public static Dictionary<string, JsonNode?> Bind(
        string bundle,
        IReadOnlyDictionary<string, ParameterDefinition> definitions,
        BundleSelection selection,
        string profileFile,
        string selectionPath,
        IReadOnlyDictionary<string, JsonNode?> builtIns,
        ICollection<CatalogProblem> problems)
    {
        var values = new Dictionary<string, JsonNode?>(builtIns, StringComparer.Ordinal);
        foreach (var (name, definition) in definitions)
        {
            values[name] = definition.Default?.DeepClone();
        }

        foreach (var (name, value) in selection.Parameters)
        {
            var path = $"{selectionPath}.parameters.{name}";
            if (!definitions.TryGetValue(name, out var definition))
            {
                var known = definitions.Count == 0 ? "none" : string.Join(", ", definitions.Keys);
                problems.Add(new CatalogProblem(profileFile, path, $"unknown parameter of '{bundle}' (it has: {known})"));
                continue;
            }

            var errors = ParameterParser.Check(definition, value).ToList();
            foreach (var error in errors)
            {
                problems.Add(new CatalogProblem(profileFile, path, error));
            }

            if (errors.Count == 0)
            {
                values[name] = value?.DeepClone();
            }
        }

        return values;
    }
}
