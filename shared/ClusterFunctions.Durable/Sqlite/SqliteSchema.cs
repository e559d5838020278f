namespace ClusterFunctions.Durable.Sqlite;

/// <summary>The tables: instances with leases, history, the instance queue (NewEvents) and the activity queue (NewTasks).</summary>
internal static class SqliteSchema
{
    public const string Create = """
        CREATE TABLE IF NOT EXISTS Instances (
            InstanceId TEXT NOT NULL PRIMARY KEY,
            ExecutionId TEXT NOT NULL,
            Name TEXT NOT NULL,
            RuntimeStatus INTEGER NOT NULL,
            CreatedTime INTEGER NOT NULL,
            LastUpdatedTime INTEGER NOT NULL,
            CompletedTime INTEGER,
            Input TEXT,
            Output TEXT,
            CustomStatus TEXT,
            FailureDetails TEXT,
            Parent TEXT,
            ParentInstanceId TEXT,
            Tags TEXT,
            HistoryCount INTEGER NOT NULL DEFAULT 0,
            LockedBy TEXT,
            LockExpiration INTEGER);
        CREATE INDEX IF NOT EXISTS IX_Instances_Status ON Instances (RuntimeStatus, CompletedTime);
        CREATE INDEX IF NOT EXISTS IX_Instances_Created ON Instances (CreatedTime);
        CREATE INDEX IF NOT EXISTS IX_Instances_Parent ON Instances (ParentInstanceId);
        CREATE TABLE IF NOT EXISTS History (
            InstanceId TEXT NOT NULL,
            SequenceNumber INTEGER NOT NULL,
            ExecutionId TEXT NOT NULL,
            Payload TEXT NOT NULL,
            PRIMARY KEY (InstanceId, SequenceNumber)) WITHOUT ROWID;
        CREATE TABLE IF NOT EXISTS NewEvents (
            SequenceNumber INTEGER PRIMARY KEY,
            InstanceId TEXT NOT NULL,
            ExecutionId TEXT,
            VisibleTime INTEGER NOT NULL,
            DequeueCount INTEGER NOT NULL DEFAULT 0,
            LastError TEXT,
            Payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_NewEvents_Instance ON NewEvents (InstanceId, VisibleTime);
        CREATE TABLE IF NOT EXISTS NewTasks (
            SequenceNumber INTEGER PRIMARY KEY,
            InstanceId TEXT NOT NULL,
            ExecutionId TEXT NOT NULL,
            VisibleTime INTEGER NOT NULL,
            DequeueCount INTEGER NOT NULL DEFAULT 0,
            LockedBy TEXT,
            LockExpiration INTEGER,
            LastError TEXT,
            Payload TEXT NOT NULL);
        CREATE INDEX IF NOT EXISTS IX_NewTasks_Instance ON NewTasks (InstanceId);
        """;
}
