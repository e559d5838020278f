using System.Text.Json.Serialization;

namespace ClusterFunctions.Core.Ports;

/// <summary>
/// Credentials to reach a cluster, held in memory by the activity that asked for them. It is a
/// class with no public data and refuses JSON serialisation, so it cannot slip into activity
/// results, orchestration history, events or logs; dispose it when the activity is done.
/// </summary>
[JsonConverter(typeof(ClusterConnectionRefusingConverter))]
public sealed class ClusterConnection : IDisposable
{
    private byte[] _kubeconfig;

    /// <summary>Wraps a kubeconfig document (copied) and the context to use in it.</summary>
    public ClusterConnection(ReadOnlySpan<byte> kubeconfig, string? context, Uri server)
    {
        _kubeconfig = kubeconfig.ToArray();
        Context = context;
        Server = server;
    }

    /// <summary>The kubeconfig context to use; the file's current context when null.</summary>
    public string? Context { get; }

    /// <summary>The API server address (not a secret; useful in messages).</summary>
    public Uri Server { get; }

    /// <summary>Opens the kubeconfig for an in-process client builder (a fresh read-only stream each call).</summary>
    public Stream OpenKubeconfig()
    {
        ObjectDisposedException.ThrowIf(_kubeconfig.Length == 0, this);
        return new MemoryStream(_kubeconfig, writable: false);
    }

    /// <summary>A connection of its own with the same credentials, for a holder that keeps this one longer than its user.</summary>
    public ClusterConnection Copy()
    {
        ObjectDisposedException.ThrowIf(_kubeconfig.Length == 0, this);
        return new ClusterConnection(_kubeconfig, Context, Server);
    }

    /// <summary>Names the server only, so string formatting cannot leak the credentials.</summary>
    public override string ToString() => $"ClusterConnection({Server})";

    /// <summary>Overwrites the credentials in memory.</summary>
    public void Dispose()
    {
        Array.Clear(_kubeconfig);
        _kubeconfig = [];
    }
}
