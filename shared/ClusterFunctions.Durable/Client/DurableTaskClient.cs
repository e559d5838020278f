using System.Runtime.CompilerServices;
using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.Extensions.Options;

namespace ClusterFunctions.Durable.Client;

/// <summary>Starts, queries, signals and manages orchestration instances.</summary>
public sealed class DurableTaskClient
{
    private static readonly OrchestrationRuntimeStatus[] DefaultDedupeStatuses =
        [OrchestrationRuntimeStatus.Pending, OrchestrationRuntimeStatus.Running, OrchestrationRuntimeStatus.Suspended];

    private readonly IOrchestrationStore store;
    private readonly DataConverter converter;
    private readonly DurableTaskOptions options;
    private readonly TimeProvider timeProvider;

    /// <summary>Creates the client over a store.</summary>
    public DurableTaskClient(IOrchestrationStore store, DataConverter converter, IOptions<DurableTaskOptions> options, TimeProvider timeProvider)
    {
        ArgumentNullException.ThrowIfNull(options);
        this.store = store;
        this.converter = converter;
        this.options = options.Value;
        this.timeProvider = timeProvider;
    }

    /// <summary>The task hub name (for the HTTP API).</summary>
    public string TaskHubName => options.TaskHubName;

    /// <summary>The serializer and payload limit this client applies.</summary>
    public DataConverter Converter => converter;

    /// <summary>The shared runtime options (hub name, HTTP API settings, serialization).</summary>
    public DurableTaskOptions Options => options;

    /// <summary>Schedules a new instance and returns its ID.</summary>
    public Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, CancellationToken cancellationToken) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, null, cancellationToken);

    /// <summary>Schedules a new instance with input and returns its ID.</summary>
    public Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, object? input, CancellationToken cancellationToken) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, input, null, cancellationToken);

    /// <summary>Schedules a new instance with options and returns its ID.</summary>
    public Task<string> ScheduleNewOrchestrationInstanceAsync(TaskName orchestratorName, StartOrchestrationOptions options, CancellationToken cancellationToken) =>
        ScheduleNewOrchestrationInstanceAsync(orchestratorName, null, options, cancellationToken);

    /// <summary>
    /// Schedules a new instance and returns its ID. An existing instance with the same ID in a de-duplicated status
    /// (default: pending, running, suspended) refuses it with <see cref="OrchestrationAlreadyExistsException"/>.
    /// </summary>
    public async Task<string> ScheduleNewOrchestrationInstanceAsync(
        TaskName orchestratorName, object? input = null, StartOrchestrationOptions? options = null, CancellationToken cancellationToken = default)
    {
        if (orchestratorName.Name is null)
        {
            throw new ArgumentException("orchestratorName must be a non-empty name.", nameof(orchestratorName));
        }

        var instanceId = options?.InstanceId ?? Guid.NewGuid().ToString("N");
        ValidateInstanceId(instanceId);
        var json = converter.Serialize(input, $"input of orchestration '{orchestratorName}'");
        var now = timeProvider.GetUtcNow().UtcDateTime;
        var started = new HistoryEvent
        {
            EventType = EventType.ExecutionStarted,
            Timestamp = now,
            Name = orchestratorName.Name,
            Input = json,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Tags = options?.Tags,
        };
        var visibleAt = options?.StartAt is { } startAt && startAt.UtcDateTime > now ? startAt.UtcDateTime : now;
        await store.InitializeAsync(cancellationToken);
        await store.CreateInstanceAsync(
            new NewOrchestrationInstance(instanceId, started, visibleAt), options?.DedupeStatuses ?? DefaultDedupeStatuses, cancellationToken);
        return instanceId;
    }

    /// <summary>Raises an event; throws when the instance does not exist or has finished.</summary>
    public async Task RaiseEventAsync(string instanceId, string eventName, object? eventPayload = null, CancellationToken cancellationToken = default)
    {
        ArgumentException.ThrowIfNullOrEmpty(eventName);
        var json = converter.Serialize(eventPayload, $"payload of event '{eventName}'");
        ThrowIfNotSent(
            instanceId,
            await SendAsync(instanceId, new HistoryEvent { EventType = EventType.EventRaised, Name = eventName, Input = json }, cancellationToken));
    }

    /// <summary>Terminates a running instance, recording <paramref name="output"/>.</summary>
    public Task TerminateInstanceAsync(string instanceId, object? output, CancellationToken cancellationToken = default) =>
        TerminateInstanceAsync(instanceId, new TerminateInstanceOptions(output), cancellationToken);

    /// <summary>Terminates a running instance.</summary>
    public async Task TerminateInstanceAsync(string instanceId, TerminateInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        var json = converter.Serialize(options?.Output, $"output of terminated instance '{instanceId}'");
        ThrowIfNotSent(
            instanceId,
            await SendAsync(instanceId, new HistoryEvent { EventType = EventType.ExecutionTerminated, Input = json, Recursive = options?.Recursive == true ? true : null }, cancellationToken));
    }

    /// <summary>Suspends a running instance: it keeps receiving events but runs no code until resumed.</summary>
    public async Task SuspendInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        ThrowIfNotSent(
            instanceId,
            await SendAsync(instanceId, new HistoryEvent { EventType = EventType.ExecutionSuspended, Input = reason }, cancellationToken));

    /// <summary>Resumes a suspended instance.</summary>
    public async Task ResumeInstanceAsync(string instanceId, string? reason = null, CancellationToken cancellationToken = default) =>
        ThrowIfNotSent(
            instanceId,
            await SendAsync(instanceId, new HistoryEvent { EventType = EventType.ExecutionResumed, Input = reason }, cancellationToken));

    /// <summary>Reads an instance; null when it does not exist.</summary>
    public async Task<OrchestrationMetadata?> GetInstanceAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        await store.InitializeAsync(cancellationToken);
        var record = await store.GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken);
        return record is null ? null : ToMetadata(record, getInputsAndOutputs);
    }

    /// <summary>Waits until the instance has started (is no longer pending).</summary>
    public Task<OrchestrationMetadata> WaitForInstanceStartAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, m => m.RuntimeStatus != OrchestrationRuntimeStatus.Pending, cancellationToken);

    /// <summary>Waits until the instance has completed, failed or been terminated.</summary>
    public Task<OrchestrationMetadata> WaitForInstanceCompletionAsync(string instanceId, bool getInputsAndOutputs = false, CancellationToken cancellationToken = default) =>
        WaitForAsync(instanceId, getInputsAndOutputs, m => m.IsCompleted, cancellationToken);

    /// <summary>Reads one page of instances.</summary>
    public async Task<OrchestrationQueryResult> QueryInstancesAsync(OrchestrationQuery query, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(query);
        if (query.PageSize is < 1 or > 1000)
        {
            throw new ArgumentOutOfRangeException(nameof(query), query.PageSize, "OrchestrationQuery.PageSize must be between 1 and 1000.");
        }

        await store.InitializeAsync(cancellationToken);
        var filter = new InstanceFilter
        {
            CreatedFrom = query.CreatedFrom?.UtcDateTime,
            CreatedTo = query.CreatedTo?.UtcDateTime,
            Statuses = query.Statuses?.ToArray(),
            InstanceIdPrefix = query.InstanceIdPrefix,
        };
        var page = await store.QueryInstancesAsync(filter, query.PageSize, query.ContinuationToken, query.FetchInputsAndOutputs, cancellationToken);
        return new OrchestrationQueryResult([.. page.Instances.Select(r => ToMetadata(r, query.FetchInputsAndOutputs))], page.ContinuationToken);
    }

    /// <summary>Lists every instance matching <paramref name="filter"/>, page by page.</summary>
    public async IAsyncEnumerable<OrchestrationMetadata> GetAllInstancesAsync(
        OrchestrationQuery? filter = null, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        var query = filter ?? new OrchestrationQuery();
        do
        {
            var page = await QueryInstancesAsync(query, cancellationToken);
            foreach (var instance in page.Instances)
            {
                yield return instance;
            }

            query = query with { ContinuationToken = page.ContinuationToken };
        }
        while (query.ContinuationToken is not null);
    }

    /// <summary>Reads the history of the instance's current execution.</summary>
    public async Task<IList<HistoryEvent>> GetOrchestrationHistoryAsync(string instanceId, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        await store.InitializeAsync(cancellationToken);
        return [.. await store.GetHistoryAsync(instanceId, cancellationToken)];
    }

    /// <summary>Deletes a finished instance and its history; running instances are not purged (count 0).</summary>
    public async Task<PurgeResult> PurgeInstanceAsync(string instanceId, PurgeInstanceOptions? options = null, CancellationToken cancellationToken = default)
    {
        ValidateInstanceId(instanceId);
        await store.InitializeAsync(cancellationToken);
        return new PurgeResult(await store.PurgeInstanceAsync(instanceId, options?.Recursive ?? false, cancellationToken));
    }

    /// <summary>Deletes finished instances matching <paramref name="filter"/>, in small transactions.</summary>
    public async Task<PurgeResult> PurgeAllInstancesAsync(PurgeInstancesFilter filter, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        await store.InitializeAsync(cancellationToken);
        var storeFilter = new InstanceFilter
        {
            CreatedFrom = filter.CreatedFrom?.UtcDateTime,
            CreatedTo = filter.CreatedTo?.UtcDateTime,
            Statuses = filter.Statuses?.ToArray(),
        };
        var deadline = filter.Timeout is { } timeout ? timeProvider.GetUtcNow() + timeout : DateTimeOffset.MaxValue;
        var total = 0;
        while (true)
        {
            var purged = await store.PurgeBatchAsync(storeFilter, 100, cancellationToken);
            total += purged;
            if (purged < 100)
            {
                return new PurgeResult(total, true);
            }

            if (timeProvider.GetUtcNow() >= deadline)
            {
                return new PurgeResult(total, false);
            }
        }
    }

    /// <summary>Starts the instance again with its original input, under the same or a new ID.</summary>
    public async Task<string> RestartAsync(string instanceId, bool restartWithNewInstanceId = false, CancellationToken cancellationToken = default)
    {
        var existing = await GetInstanceAsync(instanceId, getInputsAndOutputs: true, cancellationToken)
            ?? throw new ArgumentException($"No orchestration instance with ID '{instanceId}' exists.", nameof(instanceId));
        var started = new HistoryEvent
        {
            EventType = EventType.ExecutionStarted,
            Timestamp = timeProvider.GetUtcNow().UtcDateTime,
            Name = existing.Name,
            Input = existing.SerializedInput,
            ExecutionId = Guid.NewGuid().ToString("N"),
            Tags = existing.Tags,
        };
        var newId = restartWithNewInstanceId ? Guid.NewGuid().ToString("N") : instanceId;
        await store.CreateInstanceAsync(new NewOrchestrationInstance(newId, started, started.Timestamp), DefaultDedupeStatuses, cancellationToken);
        return newId;
    }

    /// <summary>Queues a lifecycle or event message and reports whether it reached the instance.</summary>
    internal async Task<SendEventResult> SendAsync(string instanceId, HistoryEvent message, CancellationToken cancellationToken)
    {
        ValidateInstanceId(instanceId);
        await store.InitializeAsync(cancellationToken);
        var now = timeProvider.GetUtcNow().UtcDateTime;
        return await store.SendMessageAsync(new TaskMessage(instanceId, null, message with { Timestamp = now }, now), cancellationToken);
    }

    private async Task<OrchestrationMetadata> WaitForAsync(
        string instanceId, bool getInputsAndOutputs, Func<OrchestrationMetadata, bool> done, CancellationToken cancellationToken)
    {
        while (true)
        {
            var changed = store.WhenInstanceChanges(instanceId);
            var metadata = await GetInstanceAsync(instanceId, getInputsAndOutputs, cancellationToken)
                ?? throw new ArgumentException($"No orchestration instance with ID '{instanceId}' exists.", nameof(instanceId));
            if (done(metadata))
            {
                return metadata;
            }

            try
            {
                // In-process changes wake us at once; changes by other processes are seen at the next (wall-clock) poll.
                await changed.WaitAsync(options.ClientPollingInterval, TimeProvider.System, cancellationToken);
            }
            catch (TimeoutException)
            {
            }
        }
    }

    private OrchestrationMetadata ToMetadata(InstanceRecord record, bool withPayloads) =>
        new(record.Name, record.InstanceId, options.SerializerOptions)
        {
            RuntimeStatus = record.RuntimeStatus,
            CreatedAt = new DateTimeOffset(record.CreatedTime, TimeSpan.Zero),
            LastUpdatedAt = new DateTimeOffset(record.LastUpdatedTime, TimeSpan.Zero),
            SerializedInput = record.Input,
            SerializedOutput = record.Output,
            SerializedCustomStatus = record.CustomStatus,
            Tags = record.Tags,
            FailureDetails = record.FailureDetails,
            RequestedInputsAndOutputs = withPayloads,
        };

    private static void ThrowIfNotSent(string instanceId, SendEventResult result)
    {
        switch (result)
        {
            case SendEventResult.NotFound:
                throw new ArgumentException($"No orchestration instance with ID '{instanceId}' exists.", nameof(instanceId));
            case SendEventResult.AlreadyCompleted:
                throw new InvalidOperationException($"Orchestration instance '{instanceId}' has already finished; the message was not delivered.");
        }
    }

    private static void ValidateInstanceId(string instanceId)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(instanceId);
        if (instanceId.Length > 256)
        {
            throw new ArgumentException($"instanceId must be at most 256 characters; got {instanceId.Length}.", nameof(instanceId));
        }

        if (instanceId.Any(char.IsControl))
        {
            throw new ArgumentException("instanceId must not contain control characters.", nameof(instanceId));
        }
    }
}
