using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>
/// GET /subscriptions/{sub}/providers/{namespace}: the registration SDKs read to pick an api-version
/// (Azure.ResourceManager takes apiVersions[0] as listed), so resourceType is spelled as in resource ids.
/// </summary>
internal sealed class ProvidersHandler(ArmEmulatorOptions options)
{
    public Task GetAsync(HttpContext context, string subscriptionId, string providerNamespace)
    {
        var locations = new JsonArray(options.Locations.Order(StringComparer.Ordinal).Select(l => (JsonNode?)l).ToArray());
        JsonArray types;
        string canonical;
        if (string.Equals(providerNamespace, "Microsoft.ContainerService", StringComparison.OrdinalIgnoreCase))
        {
            canonical = "Microsoft.ContainerService";
            var versions = options.ManagedClusterApiVersions.ToArray();
            types = [Type("managedClusters", locations, versions), Type("locations/operations", locations, versions), Type("locations/operationresults", locations, versions)];
        }
        else if (string.Equals(providerNamespace, "Microsoft.Resources", StringComparison.OrdinalIgnoreCase))
        {
            canonical = "Microsoft.Resources";
            types = [Type("resourceGroups", locations, ["2022-09-01", "2021-04-01"]), Type("subscriptions", locations, ["2022-12-01"])];
        }
        else
        {
            return ArmResponses.ErrorAsync(context, new ArmError(404, "InvalidResourceNamespace",
                $"The resource namespace '{providerNamespace}' is invalid."));
        }

        return ArmResponses.JsonAsync(context, 200, new JsonObject
        {
            ["id"] = $"/subscriptions/{subscriptionId}/providers/{canonical}",
            ["namespace"] = canonical,
            ["registrationState"] = "Registered",
            ["registrationPolicy"] = "RegistrationRequired",
            ["resourceTypes"] = types,
        });
    }

    private static JsonObject Type(string name, JsonArray locations, string[] versions) => new()
    {
        ["resourceType"] = name,
        ["locations"] = locations.DeepClone(),
        ["apiVersions"] = new JsonArray(versions.Select(v => (JsonNode?)v).ToArray()),
    };
}
