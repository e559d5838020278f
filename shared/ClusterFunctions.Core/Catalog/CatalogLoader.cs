using System.Text;
using System.Text.Json.Nodes;
using ClusterFunctions.Core.Catalog.Definitions;
using ClusterFunctions.Core.Catalog.Yaml;
using ClusterFunctions.Core.Validation;

namespace ClusterFunctions.Core.Catalog;

/// <summary>Loads every YAML file of a catalog directory, collecting all problems instead of stopping at the first.</summary>
public static class CatalogLoader
{
    private const int MaxFiles = 1000;

    public static CatalogLoadResult Load(string directory)
    {
        var problems = new List<CatalogProblem>();
        var profiles = new SortedDictionary<string, CatalogDocument>(StringComparer.Ordinal);
        var apps = new SortedDictionary<string, AppBundleDefinition>(StringComparer.Ordinal);
        var policies = new SortedDictionary<string, PolicyBundleDefinition>(StringComparer.Ordinal);
        var documents = new SortedDictionary<string, CatalogDocument>(StringComparer.Ordinal);
        var catalog = new Catalog(Path.GetFullPath(directory), profiles, apps, policies, documents);

        if (!Directory.Exists(directory))
        {
            problems.Add(new CatalogProblem(directory, "", "catalog directory does not exist"));
            return new CatalogLoadResult(catalog, problems);
        }

        var files = Directory.EnumerateFiles(directory, "*.*", SearchOption.AllDirectories)
            .Where(f => f.EndsWith(".yaml", StringComparison.Ordinal) || f.EndsWith(".yml", StringComparison.Ordinal))
            .Select(f => Path.GetRelativePath(directory, f).Replace('\\', '/'))
            .Order(StringComparer.Ordinal)
            .ToList();
        if (files.Count > MaxFiles)
        {
            problems.Add(new CatalogProblem(directory, "", $"catalog has {files.Count} YAML files; the limit is {MaxFiles}"));
            return new CatalogLoadResult(catalog, problems);
        }

        foreach (var file in files)
        {
            var document = Parse(directory, file, problems);
            if (document is null)
            {
                continue;
            }

            var reader = new DocumentReader(file, problems);
            switch (document.Kind)
            {
                case CatalogKinds.Profile when Claim(profiles, document, problems):
                    ProfileParser.CheckShape(reader, document.Root);
                    break;
                case CatalogKinds.AppBundle when Claim(apps, document, problems):
                    apps[document.Name] = AppBundleParser.Read(reader, document.Root, document.Name);
                    break;
                case CatalogKinds.PolicyBundle when Claim(policies, document, problems):
                    policies[document.Name] = PolicyBundleParser.Read(reader, document.Root, document.Name);
                    break;
            }

            documents[file] = document;
        }

        return new CatalogLoadResult(catalog, problems);
    }

    private static CatalogDocument? Parse(string directory, string file, List<CatalogProblem> problems)
    {
        var fullPath = Path.Combine(directory, file);
        if (new FileInfo(fullPath).Length > YamlLimits.Catalog.MaxBytes)
        {
            problems.Add(new CatalogProblem(file, "", $"file is larger than {YamlLimits.Catalog.MaxBytes} bytes"));
            return null;
        }

        JsonNode? root;
        try
        {
            root = SafeYamlReader.Read(File.ReadAllText(fullPath, Encoding.UTF8), YamlLimits.Catalog);
        }
        catch (YamlDocumentException e)
        {
            problems.Add(new CatalogProblem(file, "", $"invalid YAML: {e.Message}"));
            return null;
        }

        if (root is not JsonObject map)
        {
            problems.Add(new CatalogProblem(file, "", "must be a YAML mapping with kind and name"));
            return null;
        }

        var reader = new DocumentReader(file, problems);
        var kind = reader.String(map, "", "kind", required: true);
        var name = reader.String(map, "", "name", required: true);
        if (kind is null || name is null)
        {
            return null;
        }

        if (!CatalogKinds.All.Contains(kind))
        {
            problems.Add(new CatalogProblem(file, "kind", $"must be one of: {string.Join(", ", CatalogKinds.All)}"));
            return null;
        }

        if (!NameRules.IsDns1123Label(name))
        {
            problems.Add(new CatalogProblem(file, "name", NameRules.Dns1123LabelRule));
            return null;
        }

        return new CatalogDocument(file, kind, name, map);
    }

    private static bool Claim<T>(IDictionary<string, T> byName, CatalogDocument document, List<CatalogProblem> problems)
    {
        if (byName.TryGetValue(document.Name, out var existing))
        {
            var otherFile = existing switch
            {
                CatalogDocument d => d.File,
                AppBundleDefinition a => a.File,
                PolicyBundleDefinition p => p.File,
                _ => "another file",
            };
            problems.Add(new CatalogProblem(document.File, "name", $"{document.Kind} '{document.Name}' is already defined in {otherFile}"));
            return false;
        }

        if (document.Kind == CatalogKinds.Profile)
        {
            byName[document.Name] = (T)(object)document;
        }

        return true;
    }
}
