using System.Text.Json;
using ClusterFunctions.Core.Ports;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;
using ClusterFunctions.Functions.Status;
using Microsoft.DurableTask;
using Microsoft.DurableTask.Client;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Keeps the announcer of terminated builds (<see cref="AnnounceTerminatedBuildsOrchestrator"/>) running. The worker has
/// a Durable client only inside an invocation and the host serves no timer trigger, so it is started where builds are:
/// before a build is scheduled and before one is cancelled. A running build therefore always has a running announcer,
/// unless someone stopped it since; then the next create or cancel starts it again from its last watermark.
/// </summary>
public sealed class TerminatedBuildsAnnouncer(DurableTaskClient client, IOptions<BuildOptions> options, IEventPublisher publisher)
{
    public async Task EnsureRunningAsync(CancellationToken cancellationToken = default)
    {
        var current = await CurrentAsync(cancellationToken);
        if (current is not null && current.RuntimeStatus is not (OrchestrationRuntimeStatus.Completed or OrchestrationRuntimeStatus.Failed or OrchestrationRuntimeStatus.Terminated))
        {
            return;
        }

        // A stopped announcer's input is the watch of its last turn: restarting from it neither repeats nor skips.
        var watch = LastWatch(current) ?? TerminationWatch.Start(options.Value.TerminatedBuildsPollInterval);
        try
        {
            var start = new StartOrchestrationOptions(AnnounceTerminatedBuildsOrchestrator.InstanceId) { DedupeStatuses = ["Pending", "Running", "Suspended"] };
            await client.ScheduleNewOrchestrationInstanceAsync(nameof(AnnounceTerminatedBuildsOrchestrator), watch, start, cancellationToken);
        }
        catch (Exception e) when (InstanceConflicts.AlreadyExists(e))
        {
            // Another create started it first.
        }
    }

    /// <summary>
    /// Announces a terminated build that a new build of its name is about to replace, unless the announcer already did:
    /// once replaced, the announcer can no longer find it. (Should the announcer be publishing it at this moment too,
    /// both carry the same event id, which subscribers drop.)
    /// </summary>
    public async Task AnnounceBeforeReplacingAsync(OrchestrationMetadata terminated, CancellationToken cancellationToken = default)
    {
        if (TerminatedBuilds.OwedEvent(terminated) is not { } owed
            || LastWatch(await CurrentAsync(cancellationToken))?.HasAnnounced(terminated.InstanceId, terminated.LastUpdatedAt) == true)
        {
            return;
        }

        await publisher.PublishAsync(owed.EventType, owed.Data, cancellationToken);
    }

    private Task<OrchestrationMetadata?> CurrentAsync(CancellationToken cancellationToken) =>
        client.GetInstanceAsync(AnnounceTerminatedBuildsOrchestrator.InstanceId, getInputsAndOutputs: true, cancellationToken);

    private static TerminationWatch? LastWatch(OrchestrationMetadata? announcer)
    {
        try
        {
            return announcer?.ReadInputAs<TerminationWatch>();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
