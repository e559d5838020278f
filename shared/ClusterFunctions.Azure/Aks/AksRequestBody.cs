using System.Text.Json;
using Azure.Core;
using Azure.ResourceManager.Models;
using Azure.ResourceManager.Resources;
using Azure.ResourceManager.Resources.Models;

namespace ClusterFunctions.Azure.Aks;

/// <summary>
/// Maps the plan's canonical ARM body onto GenericResourceData without changing it: top-level
/// location, tags, sku and identity go to their typed slots and properties travel as raw JSON.
/// </summary>
internal static class AksRequestBody
{
    private static readonly HashSet<string> TopLevel = ["location", "tags", "sku", "identity", "properties"];

    public static GenericResourceData ToResourceData(string body)
    {
        JsonElement root;
        try
        {
            using var document = JsonDocument.Parse(body);
            root = document.RootElement.Clone();
        }
        catch (JsonException ex)
        {
            throw InvalidPlan.Error("Aks.Body", $"must be a JSON object ({ex.Message})");
        }

        if (root.ValueKind != JsonValueKind.Object)
        {
            throw InvalidPlan.Error("Aks.Body", "must be a JSON object");
        }

        foreach (var property in root.EnumerateObject())
        {
            if (!TopLevel.Contains(property.Name))
            {
                throw InvalidPlan.Error($"Aks.Body.{property.Name}", "is not a supported top-level field (location, tags, sku, identity, properties)");
            }
        }

        var data = new GenericResourceData(new AzureLocation(RequiredText(root, "location", "Aks.Body.location")));
        if (root.TryGetProperty("tags", out var tags))
        {
            foreach (var tag in tags.EnumerateObject())
            {
                data.Tags[tag.Name] = tag.Value.ValueKind == JsonValueKind.String
                    ? tag.Value.GetString()!
                    : throw InvalidPlan.Error($"Aks.Body.tags.{tag.Name}", "must be a string");
            }
        }

        if (root.TryGetProperty("sku", out var sku))
        {
            data.Sku = new ResourcesSku { Name = OptionalText(sku, "name"), Tier = OptionalText(sku, "tier") };
        }

        if (root.TryGetProperty("identity", out var identity))
        {
            data.Identity = new ManagedServiceIdentity(new ManagedServiceIdentityType(RequiredText(identity, "type", "Aks.Body.identity.type")));
        }

        data.Properties = root.TryGetProperty("properties", out var properties) && properties.ValueKind == JsonValueKind.Object
            ? BinaryData.FromString(properties.GetRawText())
            : throw InvalidPlan.Error("Aks.Body.properties", "is required and must be an object");
        return data;
    }

    private static string RequiredText(JsonElement element, string name, string field) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            && value.GetString() is { Length: > 0 } text
            ? text
            : throw InvalidPlan.Error(field, "is required and must be a non-empty string");

    private static string? OptionalText(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;
}
