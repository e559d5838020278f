using System.Text.Json;
using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Arm.State;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>PUT, GET, HEAD and DELETE of /subscriptions/{sub}/resourcegroups/{name}; resource groups have no long-running operations here.</summary>
internal sealed partial class ResourceGroupHandler(ArmState state, ArmEmulatorOptions options, ClusterLifecycle lifecycle)
{
    public async Task HandleAsync(HttpContext context, string subscriptionId, string name)
    {
        var key = ArmState.GroupKey(subscriptionId, name);
        state.ResourceGroups.TryGetValue(key, out var existing);
        switch (context.Request.Method)
        {
            case "GET" when existing is not null:
                await ArmResponses.JsonAsync(context, 200, View(existing));
                break;
            case "HEAD":
                await ArmResponses.EmptyAsync(context, existing is null ? 404 : 204);
                break;
            case "GET":
                await ArmResponses.ErrorAsync(context, NotFound(name));
                break;
            case "PUT":
                await PutAsync(context, subscriptionId, name, key, existing);
                break;
            case "DELETE" when existing is null:
                await ArmResponses.EmptyAsync(context, 204);
                break;
            case "DELETE":
                await lifecycle.RemoveGroupAsync(existing, context.RequestAborted);
                await ArmResponses.EmptyAsync(context, 200);
                break;
            default:
                await ArmResponses.ErrorAsync(context, new ArmError(405, "MethodNotAllowed", $"{context.Request.Method} is not supported on resource groups."));
                break;
        }
    }

    public static ArmError NotFound(string name) =>
        new(404, "ResourceGroupNotFound", $"Resource group '{name}' could not be found.");

    private async Task PutAsync(HttpContext context, string subscriptionId, string name, string key, ResourceGroupRecord? existing)
    {
        if (!GroupName().IsMatch(name) || name.EndsWith('.'))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(400, "InvalidResourceGroup",
                $"The provided resource group name '{name}' has these invalid characters or length: it must be 1-90 letters, digits, '_', '-', '.', '(' or ')' and not end in '.'."));
            return;
        }

        JsonObject? body;
        try
        {
            body = await JsonNode.ParseAsync(context.Request.Body, cancellationToken: context.RequestAborted) as JsonObject;
        }
        catch (JsonException)
        {
            body = null;
        }

        var location = ManagedClusterValidator.Text(body?["location"]);
        if (location is null || !options.Locations.Contains(location))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(400, "LocationNotAvailableForResourceGroup",
                $"The provided location '{location}' is not available for resource group. List of available regions is '{string.Join(",", options.Locations.Order(StringComparer.Ordinal))}'.", "location"));
            return;
        }

        if (existing is not null && !string.Equals(existing.Location, location, StringComparison.OrdinalIgnoreCase))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(409, "InvalidResourceGroupLocation",
                $"Invalid resource group location '{location}'. The Resource group already exists in location '{existing.Location}'."));
            return;
        }

        var record = new ResourceGroupRecord(subscriptionId, existing?.Name ?? name, existing?.Location ?? location.ToLowerInvariant(),
            body?["tags"]?.DeepClone() as JsonObject);
        state.ResourceGroups[key] = record;
        await ArmResponses.JsonAsync(context, existing is null ? 201 : 200, View(record));
    }

    private static JsonObject View(ResourceGroupRecord group) => new()
    {
        ["id"] = $"/subscriptions/{group.SubscriptionId}/resourceGroups/{group.Name}",
        ["name"] = group.Name,
        ["type"] = "Microsoft.Resources/resourceGroups",
        ["location"] = group.Location,
        ["tags"] = group.Tags?.DeepClone() ?? new JsonObject(),
        ["properties"] = new JsonObject { ["provisioningState"] = "Succeeded" },
    };

    [GeneratedRegex(@"^[-\w._()]{1,90}$")]
    private static partial Regex GroupName();
}
