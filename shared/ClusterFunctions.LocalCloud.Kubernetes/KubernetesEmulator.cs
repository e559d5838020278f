using System.Net;
using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using ClusterFunctions.LocalCloud.Kubernetes.Admission;
using ClusterFunctions.LocalCloud.Kubernetes.Auth;
using ClusterFunctions.LocalCloud.Kubernetes.Controllers;
using ClusterFunctions.LocalCloud.Kubernetes.Http;
using ClusterFunctions.LocalCloud.Kubernetes.Resources;
using ClusterFunctions.LocalCloud.Kubernetes.Storage;
using ClusterFunctions.LocalCloud.Persistence;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.LocalCloud.Kubernetes;

/// <summary>Starts Kubernetes API emulators on loopback: one per simulated cluster.</summary>
public static class KubernetesEmulator
{
    /// <summary>Starts an emulator and returns once it accepts requests.</summary>
    public static async Task<RunningKubernetesEmulator> StartAsync(KubernetesEmulatorOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= new KubernetesEmulatorOptions();
        ArgumentOutOfRangeException.ThrowIfNegative(options.Port, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfGreaterThan(options.Port, 65535, nameof(options.Port));
        ArgumentOutOfRangeException.ThrowIfLessThan(options.ReadinessDelay, TimeSpan.Zero, nameof(options.ReadinessDelay));
        // The name goes into the kubeconfig's YAML unquoted, so it is held to kubeconfig-safe characters.
        if (!System.Text.RegularExpressions.Regex.IsMatch(options.ClusterName, "^[A-Za-z0-9]([-A-Za-z0-9_.]{0,251}[A-Za-z0-9])?$"))
        {
            throw new ArgumentException(
                $"ClusterName \"{options.ClusterName}\" must be letters, digits, '-', '_' or '.', starting and ending with a letter or digit.", nameof(options));
        }

        if (options.AdminToken is { } given && (given.Length == 0 || given.Any(char.IsWhiteSpace)))
        {
            throw new ArgumentException("AdminToken must be a non-empty string without whitespace.", nameof(options));
        }

        var store = new ObjectStore();
        var file = options.DataDirectory is { } directory ? ObjectStoreFile.Open(directory, store) : null;
        try
        {
            var authorizer = new RbacAuthorizer(store);
            var writer = new ObjectWriter(store, new ValidatingAdmissionPolicies(store), options.TimeProvider);
            if (file is not { Restored: true })
            {
                Bootstrap(writer);
            }

            var controller = new WorkloadController(store, options.TimeProvider, options.ReadinessDelay);
            if (file is { Restored: true })
            {
                controller.Resume();
            }

            file?.Attach();
            var adminToken = options.AdminToken ?? file?.LoadOrCreateAdminToken(NewToken) ?? NewToken();
            // The wall clock, not the emulator's (a test's fake clock): clients check the validity against their own.
            var certificate = EmulatorCertificate.LoadOrCreate(file?.Directory, CertificateSubject, TimeProvider.System);
            options.Faults.Attach(store.DropWatches);
            Uri? url = null;
            var server = new ApiServer(
                options,
                new IdentityResolver(options, adminToken, authorizer),
                authorizer,
                new ObjectReader(store, options.TimeProvider),
                writer,
                new ScaleSubresource(new ObjectReader(store, options.TimeProvider), writer),
                new PodStreams(new ObjectReader(store, options.TimeProvider)),
                new AccessReviews(authorizer),
                () => url!.Authority);
            var app = await ListenAsync(server, certificate, options.Port != 0 ? options.Port : file?.RecordedPort ?? 0, cancellationToken);
            if (app is null)
            {
                // The port used last time is taken: kubeconfigs are written anew from the URL, so a new port only
                // costs clients that kept an old kubeconfig.
                app = (await ListenAsync(server, certificate, 0, cancellationToken))!;
            }

            var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
            url = new Uri(address.Replace("[::]", "127.0.0.1", StringComparison.Ordinal));
            file?.RecordPort(url.Port);
            return new RunningKubernetesEmulator(app, controller, url, options, adminToken, certificate, file);
        }
        catch
        {
            file?.Dispose();
            throw;
        }
    }

    private const string CertificateSubject = "ClusterFunctions LocalCloud Kubernetes API";

    private static string NewToken() => Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    // Null when a remembered port (not one the caller asked for) is taken.
    private static async Task<WebApplication?> ListenAsync(ApiServer server, X509Certificate2 certificate, int port, CancellationToken cancellationToken)
    {
        // No appsettings.json watch: LocalCloud runs one server per cluster in one process, and each watch is an
        // inotify instance, of which Linux allows 128 per user (100 clusters could not all come back after a restart).
        var builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions { Args = ["--hostBuilder:reloadConfigOnChange=false"] });
        builder.Logging.ClearProviders();
        // https as on AKS: kubectl sends a bearer token over TLS only.
        builder.WebHost.ConfigureKestrel(k => k.Listen(IPAddress.Loopback, port, listen => listen.UseHttps(certificate)));
        var app = builder.Build();
        // kubectl exec speaks WebSocket (v5.channel.k8s.io) since 1.30.
        app.UseWebSockets();
        app.Run(server.HandleAsync);
        try
        {
            await app.StartAsync(cancellationToken);
            return app;
        }
        catch (IOException) when (port != 0)
        {
            await app.DisposeAsync();
            return null;
        }
    }

    private static void Bootstrap(ObjectWriter writer)
    {
        var system = new WriteOptions(EmulatorIdentity.Admin, "kube-apiserver", DryRun: false);
        foreach (var name in BootstrapObjects.Namespaces)
        {
            writer.Create(new ResourcePath(ResourceTypes.Namespaces, null, null, null),
                new() { ["metadata"] = new System.Text.Json.Nodes.JsonObject { ["name"] = name } }, system);
        }

        var clusterRoles = ResourceTypes.FindByKind("rbac.authorization.k8s.io", "ClusterRole")!;
        foreach (var role in BootstrapObjects.ClusterRoles())
        {
            writer.Create(new ResourcePath(clusterRoles, null, null, null), role, system);
        }
    }
}
