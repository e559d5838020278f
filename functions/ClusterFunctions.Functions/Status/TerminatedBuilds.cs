using System.Text.Json;
using ClusterFunctions.Core.Events;
using ClusterFunctions.Functions.Activities;
using ClusterFunctions.Functions.Orchestrators;
using Microsoft.DurableTask.Client;

namespace ClusterFunctions.Functions.Status;

/// <summary>
/// What a terminated build shows its callers and owes its subscribers, read from what the engine kept of it: its input,
/// its last custom status and the termination's reason (which the engine stores as the output). The status route and
/// the announcer of terminated builds read it through here, so both tell the same story.
/// </summary>
public static class TerminatedBuilds
{
    /// <summary>The termination's reason as users read it ("terminated by ..."); for a build whose orchestration failed
    /// on its own, the engine's error.</summary>
    public static string Reason(OrchestrationMetadata build) => build.RuntimeStatus == OrchestrationRuntimeStatus.Failed
        ? BuildTermination.Unexpected(build.FailureDetails is { } failure ? $"{failure.ErrorType}: {failure.ErrorMessage}" : null)
        : BuildTermination.Reason(StoredReason(build.SerializedOutput));

    /// <summary>Whether a build ended without running its own ending: terminated, or its orchestration failed outside
    /// its error handling (the engine refused its status, say). Either way it announced nothing itself.</summary>
    public static bool EndedAbruptly(OrchestrationMetadata build) =>
        build.RuntimeStatus is OrchestrationRuntimeStatus.Terminated or OrchestrationRuntimeStatus.Failed;

    /// <summary>The steps and failure of a build terminated at <paramref name="terminatedAt"/>, from its last status.</summary>
    public static (IReadOnlyList<StepRecord> Steps, FailureRecord Failure) Record(ClusterBuildStatus? status, string clusterName, string reason, DateTimeOffset terminatedAt)
    {
        var steps = status?.Steps ?? [];
        // Before the infrastructure step nothing exists to clean up; after it, a terminated build tore nothing down.
        var created = steps.Any(s => s.StartedAt is not null && s.Name is not (StepNames.Plan or StepNames.Approval));
        IReadOnlyList<string> cleanedUp = created ? [$"nothing: the build was terminated before it could clean up; ./cluster delete {clusterName} removes what it created"] : [];
        return BuildTermination.Record(steps, reason, terminatedAt, StepNames.Plan, cleanedUp);
    }

    /// <summary>
    /// The completion event a terminated build owes, or null when it announced its outcome itself. A build that had
    /// decided its outcome (its status finished) owes exactly the event it was publishing, with the same id; any other
    /// owes a ClusterFailed naming the step that was running and who terminated it.
    /// </summary>
    public static PublishClusterEventRequest? OwedEvent(OrchestrationMetadata build)
    {
        var status = Read(build.ReadCustomStatusAs<ClusterBuildStatus>);
        if (status?.Events?.Any(e => e.Type is ClusterEventTypes.Ready or ClusterEventTypes.Failed) == true)
        {
            return null;
        }

        if (status is { Finished: true })
        {
            var decided = new ClusterEventData(status.RequestId, status.ClusterName, status.Profile, status.ProfileVersion ?? "", status.Steps, status.Endpoints, status.Failure) { ApprovedBy = status.ApprovedBy };
            return new PublishClusterEventRequest(status.Failure is null ? ClusterEventTypes.Ready : ClusterEventTypes.Failed, decided);
        }

        // Terminated before its first status (still pending): the request in its input says whose build it was.
        var request = Read(build.ReadInputAs<CreateClusterInput>)?.Request;
        var (requestId, clusterName, profile) = status is not null ? (status.RequestId, status.ClusterName, status.Profile)
            : request is not null ? (request.RequestId, request.ClusterName, request.Profile)
            : default;
        if (requestId is null || clusterName is null || profile is null)
        {
            return null;
        }

        var (steps, failure) = Record(status, clusterName, Reason(build), build.LastUpdatedAt);
        var data = new ClusterEventData(requestId, clusterName, profile, status?.ProfileVersion ?? "", steps, status?.Endpoints ?? new Dictionary<string, string>(), failure)
        {
            ApprovedBy = status?.ApprovedBy,
        };
        return new PublishClusterEventRequest(ClusterEventTypes.Failed, data);
    }

    /// <summary>A DurableTaskClient stores its output JSON-encoded; the management API's <c>?reason=</c> is stored as sent.</summary>
    private static string? StoredReason(string? output)
    {
        if (output is null)
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(output);
            return json.RootElement.ValueKind == JsonValueKind.String ? json.RootElement.GetString() : output;
        }
        catch (JsonException)
        {
            return output;
        }
    }

    /// <summary>A build's input or status, or null when it is not one of ours (the management API starts anything).</summary>
    private static T? Read<T>(Func<T?> read)
        where T : class
    {
        try
        {
            return read();
        }
        catch (JsonException)
        {
            return null;
        }
    }
}
