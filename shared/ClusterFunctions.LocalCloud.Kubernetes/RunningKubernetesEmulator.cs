using ClusterFunctions.LocalCloud.Kubernetes.Controllers;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;
using System.Security.Cryptography.X509Certificates;
using ClusterFunctions.LocalCloud.Persistence;
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

    internal RunningKubernetesEmulator(WebApplication app, WorkloadController controller, Uri url, KubernetesEmulatorOptions options,
        string adminToken, X509Certificate2 certificate, ObjectStoreFile? file)
    {
        (_app, _controller, Url, _options, AdminToken, Certificate, _file) = (app, controller, url, options, adminToken, certificate, file);
    }

    /// <summary>Base URL, e.g. http://127.0.0.1:41234/.</summary>
    public Uri Url { get; }

    /// <summary>The administrator's bearer token; every request needs a token. A credential: never log it.</summary>
    public string AdminToken { get; }

    /// <summary>The self-signed TLS certificate the API serves (its public part is what clients pin).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate in PEM, as a kubeconfig's certificate-authority-data carries it.</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>An HTTP handler that trusts this emulator's certificate and nothing else unverified.</summary>
    public HttpClientHandler CreateHttpHandler() => new()
    {
        ServerCertificateCustomValidationCallback = (_, presented, _, _) => EmulatorCertificate.Matches(Certificate, presented),
    };

    /// <summary>Fault injection for this instance (the same object as the options').</summary>
    public KubernetesFaults Faults => _options.Faults;

    /// <summary>Every request received so far, by method (the options' counter).</summary>
    public RequestCounter RequestCounter => _options.RequestCounter;

    /// <summary>
    /// A kubeconfig (YAML) for this emulator. Without a token it uses the admin token (the default identity);
    /// with one of the configured bearer tokens it runs as that token's identity. The text may carry
    /// a credential: write it to a private temp file, never to logs.
    /// </summary>
    public string CreateKubeconfig(string? bearerToken = null)
    {
        var name = _options.ClusterName;
        var user = $"    token: {bearerToken ?? AdminToken}";
        var authority = Convert.ToBase64String(System.Text.Encoding.UTF8.GetBytes(CertificatePem));
        return $"""
            apiVersion: v1
            kind: Config
            clusters:
            - name: {name}
              cluster:
                server: {Url.GetLeftPart(UriPartial.Authority)}
                certificate-authority-data: {authority}
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
        Certificate.Dispose();
    }

    /// <inheritdoc />
    public async ValueTask DisposeAsync() => await StopAsync();
}
