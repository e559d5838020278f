using System.Collections.Concurrent;
using ClusterFunctions.Core.Ports;

namespace ClusterFunctions.Functions.Activities;

/// <summary>
/// Cluster credentials for the activities of a build, kept in this worker's memory for <see cref="Lifetime"/>. Every
/// activity that reaches a cluster needs them, and asking ARM each time (the ownership read, listClusterUserCredential,
/// parsing the kubeconfig) was a fifth of the worker's CPU in the e2e bench and a round trip on every step of the
/// critical path. An entry is for one request and one cluster, as <see cref="IClusterInfrastructure.ConnectAsync"/>
/// checked it; a call that fails with it drops it, so a retry asks ARM again (rotated credentials, a cluster deleted and
/// created again). Credentials stay in memory only, as before: never in history, logs or results.
/// </summary>
public sealed class ClusterConnections(IClusterInfrastructure infrastructure, TimeProvider time)
{
    /// <summary>Long enough for a build's steps (seconds to minutes apart), short enough that revoked credentials are
    /// not used for long even by calls that keep succeeding.</summary>
    public static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(2);

    private readonly ConcurrentDictionary<string, Entry> entries = new(StringComparer.Ordinal);

    /// <summary>Runs <paramref name="call"/> with a connection of its own (disposed after it) to the request's cluster.</summary>
    public async Task<T> UseAsync<T>(InfrastructureRequest request, Func<ClusterConnection, Task<T>> call, CancellationToken cancellationToken)
    {
        var key = KeyOf(request);
        using var connection = await ConnectAsync(key, request, cancellationToken);
        try
        {
            return await call(connection);
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            Forget(key);
            throw;
        }
    }

    private async Task<ClusterConnection> ConnectAsync(string key, InfrastructureRequest request, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        Sweep(now);
        while (true)
        {
            // The sweep above dropped every expired entry, so this one is fresh.
            var entry = entries.GetOrAdd(key, _ => new Entry(now + Lifetime));
            ClusterConnection fetched;
            try
            {
                // One caller fetches for all: a level's bundles start their activities together.
                fetched = await entry.Fetch(() => infrastructure.ConnectAsync(request, CancellationToken.None)).WaitAsync(cancellationToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                Forget(key, entry);
                throw;
            }

            if (entry.Copy(fetched) is { } copy)
            {
                return copy;
            }

            // Retired (and removed) between the fetch and the copy: the next round fetches again.
        }
    }

    private void Forget(string key)
    {
        if (entries.TryGetValue(key, out var entry))
        {
            Forget(key, entry);
        }
    }

    private void Forget(string key, Entry entry)
    {
        if (entries.TryRemove(new KeyValuePair<string, Entry>(key, entry)))
        {
            entry.Retire();
        }
    }

    private void Sweep(DateTimeOffset now)
    {
        foreach (var (key, entry) in entries)
        {
            if (entry.ExpiresAt <= now)
            {
                Forget(key, entry);
            }
        }
    }

    private static string KeyOf(InfrastructureRequest request)
    {
        var plan = request.Infrastructure;
        var cluster = plan.Aks?.ResourceId ?? $"{plan.Existing?.KubeconfigPath}#{plan.Existing?.Context}";
        return $"{plan.Provider}|{request.RequestId}|{cluster}";
    }

    /// <summary>One fetched connection; copies are handed out, and the original is cleared once the entry is retired.</summary>
    private sealed class Entry(DateTimeOffset expiresAt)
    {
        private readonly Lock gate = new();
        private Task<ClusterConnection>? fetch;
        private bool retired;

        public DateTimeOffset ExpiresAt => expiresAt;

        public Task<ClusterConnection> Fetch(Func<Task<ClusterConnection>> start)
        {
            lock (gate)
            {
                return fetch ??= start();
            }
        }

        public ClusterConnection? Copy(ClusterConnection fetched)
        {
            lock (gate)
            {
                return retired ? null : fetched.Copy();
            }
        }

        public void Retire()
        {
            Task<ClusterConnection>? fetched;
            lock (gate)
            {
                retired = true;
                fetched = fetch;
            }

            fetched?.ContinueWith(t => t.Result.Dispose(), CancellationToken.None, TaskContinuationOptions.OnlyOnRanToCompletion, TaskScheduler.Default);
        }
    }
}
