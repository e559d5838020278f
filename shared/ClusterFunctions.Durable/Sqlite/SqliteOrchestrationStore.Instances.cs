using ClusterFunctions.Durable.History;
using ClusterFunctions.Durable.Storage;
using Microsoft.Data.Sqlite;

namespace ClusterFunctions.Durable.Sqlite;

/// <summary>Instance creation, messages to instances, reads and queries.</summary>
public sealed partial class SqliteOrchestrationStore
{
    private const string InstanceColumns =
        "InstanceId, ExecutionId, Name, RuntimeStatus, CreatedTime, LastUpdatedTime, CompletedTime, FailureDetails, Parent, Tags, HistoryCount";

    private const string PayloadColumns = ", Input, Output, CustomStatus";

    /// <inheritdoc/>
    public async Task CreateInstanceAsync(
        NewOrchestrationInstance instance, IReadOnlyCollection<OrchestrationRuntimeStatus> dedupeStatuses, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(instance);
        var now = Now;
        await WriteAsync(
            (c, tx) =>
            {
                var existing = ExistingStatus(c, tx, instance.InstanceId);
                if (existing is { } status && dedupeStatuses.Contains(status))
                {
                    throw new OrchestrationAlreadyExistsException(instance.InstanceId, status);
                }

                if (existing is not null)
                {
                    // Not de-duplicated by the caller's choice: the old run is replaced, its queued work dropped.
                    DeleteInstanceRows(c, tx, instance.InstanceId);
                }

                InsertInstance(c, tx, instance, now);
                return true;
            },
            cancellationToken);
        orchestrationWork.Set();
        instanceChanged.Pulse(instance.InstanceId);
    }

    /// <inheritdoc/>
    public async Task<SendEventResult> SendMessageAsync(TaskMessage message, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(message);
        var result = await WriteAsync(
            (c, tx) =>
            {
                var status = ExistingStatus(c, tx, message.InstanceId);
                if (status is null)
                {
                    return SendEventResult.NotFound;
                }

                if (status.Value.IsTerminal())
                {
                    return SendEventResult.AlreadyCompleted;
                }

                InsertMessage(c, tx, message);
                return SendEventResult.Sent;
            },
            cancellationToken);
        if (result == SendEventResult.Sent)
        {
            orchestrationWork.Set();
        }

        return result;
    }

    /// <inheritdoc/>
    public Task<InstanceRecord?> GetInstanceAsync(string instanceId, bool includePayloads, CancellationToken cancellationToken = default) =>
        ReadAsync(
            c =>
            {
                using var command = Command(
                    c, null, $"SELECT {InstanceColumns}{(includePayloads ? PayloadColumns : string.Empty)} FROM Instances WHERE InstanceId = $id", ("$id", instanceId));
                using var reader = command.ExecuteReader();
                return reader.Read() ? ReadInstance(reader, includePayloads) : null;
            },
            cancellationToken);

    /// <inheritdoc/>
    public Task<InstancePage> QueryInstancesAsync(
        InstanceFilter filter, int pageSize, string? continuationToken, bool includePayloads, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(filter);
        ArgumentOutOfRangeException.ThrowIfLessThan(pageSize, 1);
        return ReadAsync(
            c =>
            {
                var (where, parameters) = BuildWhere(filter);
                if (continuationToken is not null)
                {
                    where.Add("InstanceId > $token");
                    parameters.Add(("$token", continuationToken));
                }

                parameters.Add(("$limit", pageSize + 1));
                var sql = $"SELECT {InstanceColumns}{(includePayloads ? PayloadColumns : string.Empty)} FROM Instances"
                    + (where.Count > 0 ? " WHERE " + string.Join(" AND ", where) : string.Empty)
                    + " ORDER BY InstanceId LIMIT $limit";
                using var command = Command(c, null, sql, [.. parameters]);
                using var reader = command.ExecuteReader();
                var list = new List<InstanceRecord>();
                while (reader.Read())
                {
                    list.Add(ReadInstance(reader, includePayloads));
                }

                if (list.Count <= pageSize)
                {
                    return new InstancePage(list, null);
                }

                list.RemoveAt(list.Count - 1);
                return new InstancePage(list, list[^1].InstanceId);
            },
            cancellationToken);
    }

    /// <inheritdoc/>
    public Task<IReadOnlyList<HistoryEvent>> GetHistoryAsync(string instanceId, CancellationToken cancellationToken = default) =>
        ReadAsync<IReadOnlyList<HistoryEvent>>(
            c =>
            {
                using var command = Command(c, null, "SELECT Payload FROM History WHERE InstanceId = $id ORDER BY SequenceNumber", ("$id", instanceId));
                using var reader = command.ExecuteReader();
                var events = new List<HistoryEvent>();
                while (reader.Read())
                {
                    events.Add(StoreJson.Deserialize<HistoryEvent>(reader.GetString(0))!);
                }

                return events;
            },
            cancellationToken);

    private static (List<string> Where, List<(string, object?)> Parameters) BuildWhere(InstanceFilter filter)
    {
        var where = new List<string>();
        var parameters = new List<(string, object?)>();
        if (filter.CreatedFrom is { } from)
        {
            where.Add("CreatedTime >= $createdFrom");
            parameters.Add(("$createdFrom", from.ToUniversalTime().Ticks));
        }

        if (filter.CreatedTo is { } to)
        {
            where.Add("CreatedTime <= $createdTo");
            parameters.Add(("$createdTo", to.ToUniversalTime().Ticks));
        }

        if (filter.CompletedTo is { } completedTo)
        {
            where.Add("CompletedTime IS NOT NULL AND CompletedTime <= $completedTo");
            parameters.Add(("$completedTo", completedTo.ToUniversalTime().Ticks));
        }

        if (filter.Statuses is { Count: > 0 } statuses)
        {
            where.Add($"RuntimeStatus IN ({string.Join(", ", statuses.Select(s => (int)s))})");
        }

        if (!string.IsNullOrEmpty(filter.InstanceIdPrefix))
        {
            where.Add("substr(InstanceId, 1, $prefixLength) = $prefix");
            parameters.Add(("$prefixLength", filter.InstanceIdPrefix.Length));
            parameters.Add(("$prefix", filter.InstanceIdPrefix));
        }

        return (where, parameters);
    }

    private static InstanceRecord ReadInstance(SqliteDataReader reader, bool includePayloads) => new()
    {
        InstanceId = reader.GetString(0),
        ExecutionId = reader.GetString(1),
        Name = reader.GetString(2),
        RuntimeStatus = (OrchestrationRuntimeStatus)reader.GetInt32(3),
        CreatedTime = ReadTime(reader, 4)!.Value,
        LastUpdatedTime = ReadTime(reader, 5)!.Value,
        CompletedTime = ReadTime(reader, 6),
        FailureDetails = StoreJson.Deserialize<TaskFailureDetails>(ReadString(reader, 7)),
        Parent = StoreJson.Deserialize<ParentOrchestrationInstance>(ReadString(reader, 8)),
        Tags = StoreJson.Deserialize<Dictionary<string, string>>(ReadString(reader, 9)),
        HistoryCount = reader.GetInt32(10),
        Input = includePayloads ? ReadString(reader, 11) : null,
        Output = includePayloads ? ReadString(reader, 12) : null,
        CustomStatus = includePayloads ? ReadString(reader, 13) : null,
    };

    private static OrchestrationRuntimeStatus? ExistingStatus(SqliteConnection c, SqliteTransaction tx, string instanceId) =>
        Scalar(c, tx, "SELECT RuntimeStatus FROM Instances WHERE InstanceId = $id", ("$id", instanceId)) is long status
            ? (OrchestrationRuntimeStatus)status
            : null;

    private static void InsertInstance(SqliteConnection c, SqliteTransaction tx, NewOrchestrationInstance instance, long now)
    {
        var started = instance.ExecutionStarted;
        Execute(
            c,
            tx,
            """
            INSERT OR REPLACE INTO Instances
                (InstanceId, ExecutionId, Name, RuntimeStatus, CreatedTime, LastUpdatedTime, Input, Parent, ParentInstanceId, Tags, HistoryCount)
            VALUES ($id, $exec, $name, 6, $now, $now, $input, $parent, $parentId, $tags, 0)
            """,
            ("$id", instance.InstanceId),
            ("$exec", started.ExecutionId),
            ("$name", started.Name),
            ("$now", now),
            ("$input", started.Input),
            ("$parent", started.ParentInstance is null ? null : StoreJson.Serialize(started.ParentInstance)),
            ("$parentId", started.ParentInstance?.InstanceId),
            ("$tags", started.Tags is null ? null : StoreJson.Serialize(started.Tags)));
        InsertMessage(c, tx, new TaskMessage(instance.InstanceId, started.ExecutionId, started, instance.VisibleAt));
    }

    private static void InsertMessage(SqliteConnection c, SqliteTransaction tx, TaskMessage message) =>
        Execute(
            c,
            tx,
            "INSERT INTO NewEvents (InstanceId, ExecutionId, VisibleTime, Payload) VALUES ($id, $exec, $visible, $payload)",
            ("$id", message.InstanceId),
            ("$exec", message.ExecutionId),
            ("$visible", message.VisibleAt.ToUniversalTime().Ticks),
            ("$payload", StoreJson.Serialize(message.Event)));

    private static void DeleteInstanceRows(SqliteConnection c, SqliteTransaction tx, string instanceId)
    {
        foreach (var table in (string[])["Instances", "History", "NewEvents", "NewTasks"])
        {
            Execute(c, tx, $"DELETE FROM {table} WHERE InstanceId = $id", ("$id", instanceId));
        }
    }
}
