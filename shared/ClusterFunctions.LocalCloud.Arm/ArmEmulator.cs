using System.Net;
using System.Net.Security;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text.Json.Nodes;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using ClusterFunctions.LocalCloud.Arm.Faults;
using ClusterFunctions.LocalCloud.Arm.Hosting;
using ClusterFunctions.LocalCloud.Arm.Http;
using ClusterFunctions.LocalCloud.Arm.State;
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
/// clusters with long-running operations, over loopback HTTPS with a certificate made at start.
/// </summary>
public sealed class ArmEmulator : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ArmState _state;
    private readonly string _thumbprint;
    private readonly IClusterApiProvisioner _provisioner;

    private ArmEmulator(WebApplication app, ArmState state, X509Certificate2 certificate, Uri endpoint, ArmFaultInjector faults, IClusterApiProvisioner provisioner)
    {
        _provisioner = provisioner;
        _app = app;
        _state = state;
        Certificate = certificate;
        Endpoint = endpoint;
        Faults = faults;
        _thumbprint = certificate.GetCertHashString(HashAlgorithmName.SHA256);
    }

    /// <summary>The base address to give ArmClient (ArmEnvironment endpoint), e.g. https://127.0.0.1:5443/.</summary>
    public Uri Endpoint { get; }

    /// <summary>The self-signed server certificate (public part is what clients pin).</summary>
    public X509Certificate2 Certificate { get; }

    /// <summary>The certificate in PEM, for clients configured by file (e.g. NODE_EXTRA_CA_CERTS).</summary>
    public string CertificatePem => Certificate.ExportCertificatePem();

    /// <summary>Faults to inject into the next requests or operations.</summary>
    public ArmFaultInjector Faults { get; }

    /// <summary>Accepts exactly this emulator's certificate; give it to HttpClientHandler.ServerCertificateCustomValidationCallback.</summary>
    public bool ValidateServerCertificate(HttpRequestMessage request, X509Certificate2? certificate, X509Chain? chain, SslPolicyErrors errors) =>
        certificate is not null && string.Equals(certificate.GetCertHashString(HashAlgorithmName.SHA256), _thumbprint, StringComparison.OrdinalIgnoreCase);

    /// <summary>An HTTP handler that trusts this emulator's certificate and nothing else unverified.</summary>
    public HttpClientHandler CreateHttpHandler() => new() { ServerCertificateCustomValidationCallback = ValidateServerCertificate };

    /// <summary>Starts the emulator on 127.0.0.1 (port from the options; 0 picks a free one).</summary>
    public static async Task<ArmEmulator> StartAsync(ArmEmulatorOptions? options = null, ILoggerFactory? loggerFactory = null, CancellationToken cancellationToken = default)
    {
        options ??= new ArmEmulatorOptions();
        loggerFactory ??= NullLoggerFactory.Instance;
        var certificate = SelfSignedCertificate.Create(options.TimeProvider);
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        builder.WebHost.UseKestrel(kestrel => kestrel.Listen(IPAddress.Loopback, options.Port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();

        var logger = loggerFactory.CreateLogger<ArmEmulator>();
        var state = new ArmState();
        var faults = new ArmFaultInjector();
        var lifecycle = new ClusterLifecycle(state, options, logger);
        var router = new ArmRequestRouter(state, options, faults,
            new ProvidersHandler(options),
            new ResourceGroupHandler(state, options, lifecycle),
            new ManagedClusterHandler(state, options, faults, lifecycle),
            new OperationsHandler(state, options, lifecycle),
            logger);
        app.Run(router.HandleAsync);
        await app.StartAsync(cancellationToken);

        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        var port = new Uri(address).Port;
        var endpoint = new Uri($"https://127.0.0.1:{port}/");
        logger.LogInformation("ARM emulator listening on {Endpoint}", endpoint);
        return new ArmEmulator(app, state, certificate, endpoint, faults, options.ClusterApiProvisioner);
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

    /// <summary>Stops serving and releases the clusters' API servers.</summary>
    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
        foreach (var cluster in _state.Clusters.Values.Where(c => c.Api is not null))
        {
            cluster.Api = null;
            await _provisioner.ReleaseAsync(cluster.ApiRequest);
        }

        Certificate.Dispose();
    }
}
