using ClusterFunctions.LocalCloud.Arm.Faults;
using ClusterFunctions.LocalCloud.Arm.State;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.LocalCloud.Arm.Http;

/// <summary>
/// The emulator's single entry point: checks the bearer token and api-version like ARM, fires
/// injected faults, then dispatches by path shape (matched case-insensitively).
/// </summary>
internal sealed class ArmRequestRouter(
    ArmState state,
    ArmEmulatorOptions options,
    ArmFaultInjector faults,
    ProvidersHandler providers,
    ResourceGroupHandler groups,
    ManagedClusterHandler clusters,
    AgentPoolHandler agentPools,
    OperationsHandler operations,
    ArmStateFile? file,
    ILogger logger)
{
    private const string ContainerService = "Microsoft.ContainerService";

    public async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        options.RequestCounter.Count(request.Method);
        logger.LogDebug("{Method} {Path}", request.Method, request.Path.Value);
        state.Record($"{request.Method} {request.Path.Value}{request.QueryString.Value}");

        // ARM stamps every answer with these ids; SDKs log them and people quote them in tickets.
        var requestId = Guid.NewGuid().ToString();
        context.Response.Headers["x-ms-request-id"] = requestId;
        context.Response.Headers["x-ms-correlation-request-id"] = request.Headers["x-ms-correlation-request-id"].ToString() is { Length: > 0 } correlation ? correlation : requestId;
        if (!request.Headers.Authorization.ToString().StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(401, "AuthenticationFailed", "Authentication failed. The 'Authorization' header is missing or is not a Bearer token."));
            return;
        }

        if (faults.TakeRequestFault(request.Method, request.Path.Value ?? "") is { } fault)
        {
            logger.LogInformation("Injected {Status} {Code} for {Method} {Path}", fault.Status, fault.Code, request.Method, request.Path.Value);
            await ArmResponses.ErrorAsync(context, new ArmError(fault.Status, fault.Code, fault.Message), fault.RetryAfter);
            return;
        }

        var apiVersion = request.Query["api-version"].ToString();
        if (apiVersion.Length == 0)
        {
            await ArmResponses.ErrorAsync(context, new ArmError(400, "MissingApiVersionParameter", "The api-version query parameter (?api-version=) is required for all requests."));
            return;
        }

        var path = ArmPath.Parse(request.Path.Value ?? "/");
        if (IsContainerService(path) && !options.ManagedClusterApiVersions.Contains(apiVersion))
        {
            await ArmResponses.ErrorAsync(context, new ArmError(400, "NoRegisteredProviderFound",
                $"No registered resource provider found for API version '{apiVersion}' and type 'managedClusters'. The supported api-versions are '{string.Join(", ", options.ManagedClusterApiVersions)}'."));
            return;
        }

        await state.Gate.WaitAsync(context.RequestAborted);
        var holdsGate = true;
        if (file is not null)
        {
            // Saved before the answer's headers leave: a client never hears of a change a kill could lose. Answers
            // without a body start after this method returns, outside the gate, so they are saved below instead.
            context.Response.OnStarting(() =>
            {
                if (holdsGate)
                {
                    file.Save(state);
                }

                return Task.CompletedTask;
            });
        }

        try
        {
            await DispatchAsync(context, path);
            file?.Save(state);
        }
        finally
        {
            holdsGate = false;
            state.Gate.Release();
        }
    }

    private Task DispatchAsync(HttpContext context, ArmPath path)
    {
        var method = context.Request.Method;
        if (path.Is("subscriptions", null, "providers", null) && method == "GET")
        {
            return providers.GetAsync(context, path[1], path[3]);
        }

        if (path.Is("subscriptions", null, "resourcegroups", null))
        {
            return groups.HandleAsync(context, path[1], path[3]);
        }

        if (path.Is("subscriptions", null, "providers", ContainerService, "locations", null, "operations", null) && method == "GET")
        {
            return operations.GetStatusAsync(context, path[7]);
        }

        if (path.Is("subscriptions", null, "providers", ContainerService, "locations", null, "operationresults", null) && method == "GET")
        {
            return operations.GetResultAsync(context, path[7]);
        }

        if (path.Is("subscriptions", null, "resourcegroups", null, "providers", ContainerService, "managedClusters") && method == "GET")
        {
            return clusters.ListAsync(context, path[1], path[3]);
        }

        if (path.Is("subscriptions", null, "resourcegroups", null, "providers", ContainerService, "managedClusters", null))
        {
            return clusters.HandleAsync(context, path[1], path[3], path[7]);
        }

        if (path.Is("subscriptions", null, "resourcegroups", null, "providers", ContainerService, "managedClusters", null, "agentPools", null))
        {
            return agentPools.HandleAsync(context, path[1], path[3], path[7], path[9]);
        }

        if (path.Is("subscriptions", null, "resourcegroups", null, "providers", ContainerService, "managedClusters", null, "listClusterUserCredential")
            && method == "POST")
        {
            return clusters.ListCredentialsAsync(context, path[1], path[3], path[7]);
        }

        return ArmResponses.ErrorAsync(context, new ArmError(404, "InvalidResourceType",
            $"The resource type could not be found for {method} {context.Request.Path.Value}."));
    }

    // Requests below .../providers/Microsoft.ContainerService/ use that provider's api-versions; the
    // provider registration itself (exactly four segments) is served at the Resources api-version.
    private static bool IsContainerService(ArmPath path) =>
        path.Length > 4 && path.Segments.Contains(ContainerService, StringComparer.OrdinalIgnoreCase);
}
