namespace ClusterFunctions.Core.Plans;

/// <summary>The stages of a build after the infrastructure, in the order they are applied.</summary>
public enum PlanStage
{
    /// <summary>Namespaces with their Pod Security Admission labels.</summary>
    Namespaces,

    /// <summary>Default-deny NetworkPolicies, the DNS allowance and the flows the apps need.</summary>
    BaselinePolicies,

    /// <summary>Application bundles, one level per dependency depth.</summary>
    Apps,

    /// <summary>RBAC and its protection (ValidatingAdmissionPolicy), applied last.</summary>
    AccessPolicies,
}
