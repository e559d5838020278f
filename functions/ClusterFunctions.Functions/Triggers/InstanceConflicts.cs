namespace ClusterFunctions.Functions.Triggers;

/// <summary>
/// Recognises "an instance with this id already exists" from the Durable client: the extension answers gRPC
/// AlreadyExists, which the client surfaces as an exception whose type or message says so.
/// </summary>
public static class InstanceConflicts
{
    public static bool AlreadyExists(Exception e) =>
        e is Grpc.Core.RpcException { StatusCode: Grpc.Core.StatusCode.AlreadyExists }
        || e.GetType().Name.Contains("AlreadyExists", StringComparison.Ordinal)
        || e.Message.Contains("already exists", StringComparison.OrdinalIgnoreCase);
}
