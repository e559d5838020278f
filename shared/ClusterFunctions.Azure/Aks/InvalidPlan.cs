using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Azure.Aks;

/// <summary>Builds the permanent error for a plan the adapter cannot send, naming the field and the rule.</summary>
internal static class InvalidPlan
{
    public const string Code = "InvalidInfrastructurePlan";

    public static InfrastructureException Error(string field, string rule) =>
        new(InfrastructureErrorKind.Permanent, Code, $"{field}: {rule}");
}
