using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Functions.Activities;

/// <summary>A build's request to render, with what proves a route started the build (see <c>RouteSignatures</c>).</summary>
/// <param name="Kind">"create" or "delete".</param>
public sealed record RenderPlanRequest(string Kind, string InstanceId, ClusterRequest Request, string? Signature);
