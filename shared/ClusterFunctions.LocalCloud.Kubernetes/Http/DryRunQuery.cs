using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>The dryRun query parameter of a write: absent, or "All"; anything else is refused as kube-apiserver refuses it.</summary>
internal static class DryRunQuery
{
    public static bool Parse(IQueryCollection query)
    {
        var values = query["dryRun"];
        foreach (var value in values)
        {
            if (value != "All")
            {
                throw new ApiException(400, StatusErrors.Status(400, "BadRequest",
                    $"dryRun: Unsupported value: \"{value}\": supported values: \"All\""));
            }
        }

        return values.Count > 0;
    }
}
