using Microsoft.Azure.Functions.Worker;
using Microsoft.Azure.Functions.Worker.Context.Features;
using Microsoft.Azure.Functions.Worker.Middleware;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>
/// Binds the function's parameters as the worker will (the result is cached for the invocation) and keeps its
/// <see cref="DurableTaskClient"/>, if it declares one, in <see cref="DurableClientScope"/> before the function's
/// class is constructed.
/// </summary>
public sealed class DurableClientScopeMiddleware : IFunctionsWorkerMiddleware
{
    public async Task Invoke(FunctionContext context, FunctionExecutionDelegate next)
    {
        bool declaresClient = context.FunctionDefinition.InputBindings.Values
            .Any(b => string.Equals(b.Type, "durableClient", StringComparison.OrdinalIgnoreCase));
        if (declaresClient && context.Features.Get<IFunctionInputBindingFeature>() is { } binding)
        {
            FunctionInputBindingResult bound = await binding.BindFunctionInputAsync(context);
            context.InstanceServices.GetRequiredService<DurableClientScope>().Client = bound.Values.OfType<DurableTaskClient>().FirstOrDefault();
        }

        await next(context);
    }
}
