using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Hosting;

/// <summary>
/// The invocation's <see cref="DurableTaskClient"/>, bound by the host through the function's <c>[DurableClient]</c>
/// parameter and kept for the invocation's scope, so the services a trigger uses (scheduler, status reader) take
/// the client by constructor like any other dependency.
/// </summary>
public sealed class DurableClientScope
{
    public DurableTaskClient? Client { get; set; }

    public DurableTaskClient Required => Client
        ?? throw new InvalidOperationException("this function has no [DurableClient] parameter, so no DurableTaskClient is bound for it");
}
