using System.Diagnostics;
using Microsoft.Azure.Functions.Worker;

namespace ClusterFunctions.Functions.Telemetry;

/// <summary>An activity that runs inside a span of its build's trace; ARM and Kubernetes calls it makes become child spans.</summary>
public abstract class TracedActivity<TInput, TOutput>(TraceParents traceParents)
{
    /// <summary>Runs <see cref="ExecuteAsync"/> in a span named <paramref name="name"/>, child of the build's trace.</summary>
    protected async Task<TOutput> RunTracedAsync(string name, TInput input, FunctionContext context)
    {
        // The host passes the orchestration's instance id as binding data, as the Functions host does.
        string? instanceId = context.BindingContext.BindingData.TryGetValue("instanceId", out object? id) ? id as string : null;
        string? parent = instanceId is null ? null : await traceParents.GetAsync(instanceId, context.CancellationToken);
        using var span = ClusterTelemetry.Source.StartActivity(name, ActivityKind.Internal, parent);
        span?.SetTag("clusterfunctions.instance_id", instanceId);
        Describe(span, input);
        try
        {
            return await ExecuteAsync(input, context.CancellationToken);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    protected abstract Task<TOutput> ExecuteAsync(TInput input, CancellationToken cancellationToken);

    /// <summary>Adds what this call is about (bundle, event type) to its span; never credentials.</summary>
    protected virtual void Describe(Activity? span, TInput input)
    {
    }
}
