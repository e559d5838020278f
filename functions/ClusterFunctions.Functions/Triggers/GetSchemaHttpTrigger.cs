using ClusterFunctions.Core.Requests;
using Microsoft.Azure.Functions.Worker;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// <c>GET /api/schema</c>: the JSON Schema of a create request (HTTP body or queue message), built from the rules the
/// parser and validator enforce, so generated clients and editors check a body before sending it.
/// </summary>
public sealed class GetSchemaHttpTrigger
{
    [Function(nameof(GetSchemaHttpTrigger))]
    public IResult Run([HttpTrigger(AuthorizationLevel.Anonymous, "get", Route = "schema")] HttpRequest request) =>
        Results.Text(ClusterRequestSchema.Build().ToJsonString(), "application/schema+json");
}
