using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClusterFunctions.LocalCloud.Arm.Clusters;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Azure.Tests.TestSupport;

/// <summary>
/// A tiny stand-in for the Kubernetes API emulator: answers GET /version to holders of a token it
/// issued. It lets these tests prove a kubeconfig from the ARM emulator really reaches a server.
/// </summary>
internal sealed class FakeKubernetesApi : IClusterApiProvisioner, IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, string> _tokens = new();
    private readonly ConcurrentBag<string> _issued = [];

    private FakeKubernetesApi(WebApplication app, Uri server, string certificatePem)
    {
        _app = app;
        Server = server;
        CertificatePem = certificatePem;
    }

    public Uri Server { get; }

    /// <summary>The server's self-signed certificate; kubeconfigs carry it as certificate-authority-data.</summary>
    public string CertificatePem { get; }

    /// <summary>Every token issued so far (the secrets that must never leak).</summary>
    public IReadOnlyCollection<string> IssuedTokens => _issued.ToList();

    public static async Task<FakeKubernetesApi> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = [] });
        builder.Logging.ClearProviders();
        var certificate = CreateCertificate();
        builder.WebHost.UseKestrel(k => k.Listen(IPAddress.Loopback, 0, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        FakeKubernetesApi? self = null;
        app.MapGet("/version", (HttpContext context) =>
            self!._tokens.Values.Any(t => context.Request.Headers.Authorization.ToString() == $"Bearer {t}")
                ? Results.Json(new { major = "1", minor = "32", gitVersion = "v1.32.4", platform = "linux/amd64" })
                : Results.Json(new { kind = "Status", apiVersion = "v1", status = "Failure", reason = "Unauthorized", code = 401 }, statusCode: 401));
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        self = new FakeKubernetesApi(app, new Uri($"https://127.0.0.1:{new Uri(address).Port}"), certificate.ExportCertificatePem());
        return self;
    }

    public Task<ClusterApiEndpoint> ProvisionAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
    {
        var token = _tokens.GetOrAdd(cluster.ResourceId.ToLowerInvariant(), _ => "kube-token-" + Convert.ToHexString(RandomNumberGenerator.GetBytes(16)));
        _issued.Add(token);
        return Task.FromResult(new ClusterApiEndpoint(Server, CertificatePem, token));
    }

    public Task ReleaseAsync(ClusterApiRequest cluster, CancellationToken cancellationToken = default)
    {
        _tokens.TryRemove(cluster.ResourceId.ToLowerInvariant(), out _);
        return Task.CompletedTask;
    }

    public async ValueTask DisposeAsync() => await _app.DisposeAsync();

    // A self-signed CA certificate for 127.0.0.1, so clients verify TLS against the kubeconfig's CA data.
    private static X509Certificate2 CreateCertificate()
    {
        using var key = ECDsa.Create(ECCurve.NamedCurves.nistP256);
        var request = new CertificateRequest("CN=fake-kube-apiserver", key, HashAlgorithmName.SHA256);
        var names = new SubjectAlternativeNameBuilder();
        names.AddIpAddress(IPAddress.Loopback);
        request.CertificateExtensions.Add(names.Build());
        request.CertificateExtensions.Add(new X509BasicConstraintsExtension(true, false, 0, true));
        using var certificate = request.CreateSelfSigned(DateTimeOffset.UtcNow.AddMinutes(-5), DateTimeOffset.UtcNow.AddDays(1));
        return X509CertificateLoader.LoadPkcs12(certificate.Export(X509ContentType.Pkcs12), null);
    }
}
