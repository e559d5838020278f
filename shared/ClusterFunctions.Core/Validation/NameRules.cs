using System.Text.RegularExpressions;

namespace ClusterFunctions.Core.Validation;

/// <summary>The naming rules of Kubernetes and AKS, each with the message a user sees when a name breaks it.</summary>
public static partial class NameRules
{
    public const string Dns1123LabelRule = "must be a DNS-1123 label: lowercase letters, digits and '-', starting and ending with a letter or digit, at most 63 characters";
    public const string Dns1123SubdomainRule = "must be a DNS-1123 subdomain: lowercase letters, digits, '-' and '.', at most 253 characters";
    public const string ClusterNameRule = "must match ^[a-z][a-z0-9-]{0,61}[a-z0-9]$ (AKS cluster name, lowercase so it can also label Kubernetes objects)";
    public const string NodePoolNameRule = "must match ^[a-z][a-z0-9]{0,11}$ (AKS agent pool name)";

    /// <summary>Namespaces, bundle and profile names: DNS-1123 labels.</summary>
    public static bool IsDns1123Label(string name) => name.Length <= 63 && Dns1123Label().IsMatch(name);

    /// <summary>Most Kubernetes object names: DNS-1123 subdomains.</summary>
    public static bool IsDns1123Subdomain(string name) => name.Length <= 253 && Dns1123Subdomain().IsMatch(name);

    /// <summary>AKS allows 1-63 characters of letters, digits, '-' and '_'; we also need a DNS label, so the overlap.</summary>
    public static bool IsClusterName(string name) => ClusterName().IsMatch(name);

    public static bool IsNodePoolName(string name) => NodePoolName().IsMatch(name);

    public static bool IsParameterName(string name) => ParameterName().IsMatch(name);

    [GeneratedRegex("^[a-z0-9]([-a-z0-9]*[a-z0-9])?$")]
    private static partial Regex Dns1123Label();

    [GeneratedRegex(@"^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$")]
    private static partial Regex Dns1123Subdomain();

    [GeneratedRegex("^[a-z][a-z0-9-]{0,61}[a-z0-9]$")]
    private static partial Regex ClusterName();

    [GeneratedRegex("^[a-z][a-z0-9]{0,11}$")]
    private static partial Regex NodePoolName();

    [GeneratedRegex("^[a-zA-Z][a-zA-Z0-9]{0,62}$")]
    private static partial Regex ParameterName();
}
