using System.Net;
using System.Net.Security;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Arm.Faults;
using ClusterFunctions.LocalCloud.Arm.Http;
using ClusterFunctions.LocalCloud.Arm.State;
using ClusterFunctions.LocalCloud.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.LocalCloud.Arm;

/// <summary>
/// A local Azure Resource Manager for AKS: resource groups, provider registrations and managed
/// clusters with long-running operations, over loopback HTTPS with a certificate made at start, or kept
/// with the rest of the state in a data directory so that a restart loses nothing.
/// </summary>
public sealed class ArmEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ArmState _state;
    private readonly IClusterApiProvisioner _provisioner;
    private readonly ArmStateFile? _file;

    private ArmEmulator(WebApplication app, ArmState state, X509Certificate2 certificate, Uri endpoint, ArmFaultInjector faults, IClusterApiProvisioner provisioner, ArmStateFile? file,
        RequestCounter requestCounter)
    {
        RequestCounter = requestCounter;
        _provisioner = provisioner;
        _file = file;
        _app = app;
        _state = state;
        Certificate = certificate;
        Endpoint = endpoint;
        Faults = faults;
    }

    /// <summary>The base address to give ArmClient (ArmEnvironment endpoint), e.g. https://127.0.0.1:5443/.</summary>
    public Uri Endpoint { get; }

    internal const string CertificateSubject = "ClusterFunctions LocalCloud ARM";

    /// <summary>The self-signed server certificate (public part is what clients pin).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate in PEM, for clients configured by file (e.g. NODE_EXTRA_CA_CERTS).</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Every request received so far, by method (the options' counter).</summary>
    public RequestCounter RequestCounter { get; }

    /// <summary>Faults to inject into the next requests or operations.</summary>
    public ArmFaultInjector Faults { get; }

    /// <summary>Accepts exactly this emulator's certificate; give it to HttpClientHandler.ServerCertificateCustomValidationCallback.</summary>
    public bool ValidateServerCertificate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        EmulatorCertificate.Matches(Certificate, certificate);

    /// <summary>An HTTP handler that trusts this emulator's certificate and nothing else unverified.</summary>
    public HttpClientHandler CreateHttpHandler() => new() { ServerCertificateCustomValidationCallback = ValidateServerCertificate };

    /// <summary>Starts the emulator on 127.0.0.1 (port from the options; 0 picks a free one).</summary>
    public static async Task<ArmEmulator> StartAsync(ArmEmulatorOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new ArmEmulatorOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var logger = loggerFactory.CreateLogger<ArmEmulator>();
        var state = new ArmState();
        var file = options.DataDirectory is { } directory ? ArmStateFile.Open(directory) : null;
        try
        {
            var certificate = file?.LoadOrCreateCertificate(options.TimeProvider) ?? EmulatorCertificate.LoadOrCreate(null, CertificateSubject, options.TimeProvider);
            var restored = file?.Load(state) ?? [];
            // All at once: ARM does not listen until its clusters' APIs are back, and one at a time kept it
            // unreachable for over a minute with 40 clusters (builds gave up on it).
            await Task.WhenAll(restored.Select(async cluster =>
                cluster.Api = await options.ClusterApiProvisioner.ProvisionAsync(cluster.ApiRequest, cancellationToken)));

            var port = options.Port != 0 ? options.Port : file?.RecordedPort ?? 0;
            var faults = new ArmFaultInjector();
            var lifecycle = new ClusterLifecycle(state, options, logger);
            var clusters = new ManagedClusterHandler(state, options, faults, lifecycle);
            var router = new ArmRequestRouter(state, options, faults,
                new ProvidersHandler(options),
                new ResourceGroupHandler(state, options, lifecycle),
                clusters,
                new AgentPoolHandler(state, options, faults, lifecycle, clusters),
                new OperationsHandler(state, options, lifecycle),
                file,
                logger);
            var app = await ListenAsync(certificate, port, router, file, cancellationToken);
            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            var endpoint = new Uri($"https://127.0.0.1:{new Uri(address).Port}/");
            if (file is not null)
            {
                file.Port = endpoint.Port;
                file.Save(state);
                logger.LogInformation("ARM emulator state in {Directory}: {Groups} resource groups, {Clusters} clusters restored",
                    options.DataDirectory, state.ResourceGroups.Count, state.Clusters.Count);
            }

            logger.LogInformation("ARM emulator listening on {Endpoint}", endpoint);
            return new ArmEmulator(app, state, certificate, endpoint, faults, options.ClusterApiProvisioner, file, options.RequestCounter);
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }

    private static async Task<WebApplication> ListenAsync(X509Certificate2 certificate, int port, ArmRequestRouter router, ArmStateFile? file, CancellationToken cancellationToken)
    {
        // No appsettings.json watch: LocalCloud runs one server per cluster in one process, and each watch is an
        // inotify instance, of which Linux allows 128 per user (100 clusters could not all come back after a restart).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        app.Run(router.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch (IOException ex) when (file?.RecordedPort == port)
        {
            await app.DisposeAsync();
            throw new DataDirectoryException(
                $"Port {port}, which the ARM emulator in this data directory used before (clients hold its endpoint), is taken now: free it, or pass another port and point clients at the new endpoint.", ex);
        }
    }

    /// <summary>The most recent requests (up to 1000) as "METHOD path?query", oldest first; no headers or bodies.</summary>
    public IReadOnlyList<string> Requests => _state.RequestLog.ToArray();

    /// <summary>The body of the last accepted PUT of a managed cluster (as received), or null when there is no such cluster.</summary>
    public async Task<string?> GetClusterBodyAsync(string resourceId, CancellationToken cancellationToken = default)
    {
        await _state.Gate.WaitAsync(cancellationToken);
        try
        {
            return _state.Clusters.TryGetValue(resourceId, out var cluster) ? cluster.Body.ToJsonString() : null;
        }
        finally
        {
            _state.Gate.Release();
        }
    }

    /// <summary>Stops serving, stops the clusters' API servers (they come back on a restart on the same data directory) and unlocks the directory.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var cluster in _state.Clusters.Values.Where(c => c.Api is not null))
        {
            await _provisioner.StopAsync(cluster.ApiRequest);
        }

        _file?.Dispose();
        Certificate.Dispose();
    }
}
