using ClusterFunctions.LocalCloud.Kubernetes.Controllers;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;
using Microsoft.AspNetCore.Builder;

namespace ClusterFunctions.LocalCloud.Kubernetes;

/// <summary>A started emulator: its URL, a kubeconfig for it, its fault injection, and how to stop it.</summary>
public sealed class RunningKubernetesEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly WorkloadController _controller;
    private readonly KubernetesEmulatorOptions _options;
    private readonly ObjectStoreFile? _file;
    private int _stopped;

    internal RunningKubernetesEmulator(WebApplication app, WorkloadController controller, Uri url, KubernetesEmulatorOptions options, ObjectStoreFile? file)
    {
        (_app, _controller, Url, _options, _file) = (app, controller, url, options, file);
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>Fault injection for this instance (the same object as the options').</summary>
    public KubernetesFaults Faults => _options.Faults;

    /// <summary>
    /// A kubeconfig (YAML) for this emulator. Without a token it uses the admin token (the default identity);
    /// with one of the configured bearer tokens it runs as that token's identity. The text may carry
    /// a credential: write it to a private temp file, never to logs.
    /// </summary>
    public string CreateKubeconfig(string? bearerToken = null)
    {
        var name = _options.ClusterName;
        var user = $"    token: {bearerToken ?? _options.AdminToken}";
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {name}
              cluster:
                server: {Url.GetLeftPart(UriPartial.Authority)}
            users:
            - name: {name}-user
              user:
            {user}
            contexts:
            - name: {name}
              context:
                cluster: {name}
                user: {name}-user
            current-context: {name}
            """ + "\n";
    }

    /// <summary>Stops serving, cancels pending controller timers and unlocks the data directory (its objects stay there).</summary>
    public async Task StopAsync(CancellationToken cancellationToken = default)
    {
        if (Interlocked.Exchange(ref _stopped, 1) == 1)
        {
            return;
        }

        _options.Faults.DropWatches();
        _controller.Dispose();
        await _app.StopAsync(cancellationToken);
        await _app.DisposeAsync();
        _file?.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}
