using System.Diagnostics;
using ClusterFunctions.Durable;

namespace ClusterFunctions.Functions.Telemetry;

/// <summary>An activity that runs inside a span of its build's trace; ARM and Kubernetes calls it makes become child spans.</summary>
public abstract class TracedActivity<TInput, TOutput>(TraceParents traceParents) : TaskActivity<TInput, TOutput>
{
    public sealed override async Task<TOutput> RunAsync(TaskActivityContext context, TInput input)
    {
        var parent = await traceParents.GetAsync(context.InstanceId, context.CancellationToken);
        using var span = ClusterTelemetry.Source.StartActivity(context.Name.Name, ActivityKind.Internal, parent);
        span?.SetTag("clusterfunctions.instance_id", context.InstanceId);
        Describe(span, input);
        try
        {
            return await ExecuteAsync(context, input);
        }
        catch (Exception e)
        {
            span?.SetStatus(ActivityStatusCode.Error, e.GetType().Name);
            throw;
        }
    }

    protected abstract Task<TOutput> ExecuteAsync(TaskActivityContext context, TInput input);

    /// <summary>Adds what this call is about (bundle, event type) to its span; never credentials.</summary>
    protected virtual void Describe(Activity? span, TInput input)
    {
    }
}
