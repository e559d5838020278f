using System.Text.RegularExpressions;
using ClusterFunctions.Core.Catalog;
using ClusterFunctions.Core.Validation;

namespace ClusterFunctions.Core.Requests;

/// <summary>
/// The one validator for requests, shared by the HTTP trigger, the queue trigger and the CLI. Checks
/// the request's own fields; the plan renderer checks what the request does to its profile.
/// </summary>
public static partial class ClusterRequestValidator
{
    public static IReadOnlyList<CatalogProblem> Validate(ClusterRequest request, Catalog.Catalog catalog)
    {
        var problems = new List<CatalogProblem>();
        void Problem(string path, string message) => problems.Add(new CatalogProblem("request", path, message));

        if (string.IsNullOrEmpty(request.RequestId) || request.RequestId.Length > RequestLimits.MaxRequestIdLength || !RequestId().IsMatch(request.RequestId))
        {
            Problem("requestId", $"must be 1-{RequestLimits.MaxRequestIdLength} characters of letters, digits, '.', '_', ':' or '-', starting with a letter or digit");
        }

        if (string.IsNullOrEmpty(request.ClusterName) || !NameRules.IsClusterName(request.ClusterName))
        {
            Problem("clusterName", NameRules.ClusterNameRule);
        }

        if (string.IsNullOrEmpty(request.Profile))
        {
            Problem("profile", "is required");
        }
        else if (!ProfileComposer.ConcreteProfiles(catalog).Contains(request.Profile))
        {
            Problem("profile", $"unknown profile '{Truncate(request.Profile)}' (known: {string.Join(", ", ProfileComposer.ConcreteProfiles(catalog))})");
        }

        if (request.RequestedBy is { Length: > RequestLimits.MaxRequestedByLength })
        {
            Problem("requestedBy", $"must be at most {RequestLimits.MaxRequestedByLength} characters");
        }

        if (request.Ttl is not null && Requests.Ttl.Parse(request.Ttl) is null)
        {
            Problem("ttl", $"{Requests.Ttl.Rule}, got '{Truncate(request.Ttl)}'");
        }

        ValidateLabels(request.Labels, Problem);
        ValidateOverrides(request.Overrides, Problem);
        return problems;
    }

    private static void ValidateLabels(IReadOnlyDictionary<string, string>? labels, Action<string, string> problem)
    {
        if (labels is null)
        {
            return;
        }

        if (labels.Count > RequestLimits.MaxLabels)
        {
            problem("labels", $"must have at most {RequestLimits.MaxLabels} entries");
            return;
        }

        foreach (var (key, value) in labels)
        {
            if (!NameRules.IsDns1123Label(key))
            {
                problem($"labels.{Truncate(key)}", $"label key {NameRules.Dns1123LabelRule}");
            }

            if (value is null || value.Length > RequestLimits.MaxLabelValueLength || !LabelValue().IsMatch(value))
            {
                problem($"labels.{Truncate(key)}", $"label value must be at most {RequestLimits.MaxLabelValueLength} letters, digits, '-', '_' or '.'");
            }
        }
    }

    private static void ValidateOverrides(RequestOverrides? overrides, Action<string, string> problem)
    {
        if (overrides is null)
        {
            return;
        }

        if (overrides.Region is not null && !AzureRegions.Known.Contains(overrides.Region))
        {
            problem("overrides.region", $"unknown region '{Truncate(overrides.Region)}': {AzureRegions.Rule}");
        }

        if (overrides.NodePools is null)
        {
            return;
        }

        if (overrides.NodePools.Count > RequestLimits.MaxPoolOverrides)
        {
            problem("overrides.nodePools", $"must have at most {RequestLimits.MaxPoolOverrides} entries");
            return;
        }

        foreach (var (pool, bounds) in overrides.NodePools)
        {
            var path = $"overrides.nodePools.{Truncate(pool)}";
            if (!NameRules.IsNodePoolName(pool))
            {
                problem(path, NameRules.NodePoolNameRule);
            }

            if (bounds?.MinCount is < 0 or > RequestLimits.MaxPoolCount)
            {
                problem($"{path}.minCount", $"must be between 0 and {RequestLimits.MaxPoolCount}");
            }

            if (bounds?.MaxCount is < 0 or > RequestLimits.MaxPoolCount)
            {
                problem($"{path}.maxCount", $"must be between 0 and {RequestLimits.MaxPoolCount}");
            }
        }
    }

    // Echoing a hostile value back in full would let one bad request flood logs and dead-letter reasons.
    private static string Truncate(string value) => value.Length <= 64 ? value : value[..64] + "...";

    [GeneratedRegex("^[A-Za-z0-9][A-Za-z0-9._:-]*$")]
    private static partial Regex RequestId();

    [GeneratedRegex("^([A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?)?$")]
    private static partial Regex LabelValue();
}
