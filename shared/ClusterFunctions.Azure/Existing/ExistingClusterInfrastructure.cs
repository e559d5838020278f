using ClusterFunctions.Azure.Aks;
using ClusterFunctions.Core.Plans;
using ClusterFunctions.Core.Ports;
using k8s;
using k8s.Autorest;
using k8s.Exceptions;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Azure.Existing;

/// <summary>
/// The "existing" provider: a cluster the user already has, reached by kubeconfig path and context.
/// Nothing is created or deleted; each call verifies the API server answers GET /version.
/// </summary>
public sealed class ExistingClusterInfrastructure(ILogger<ExistingClusterInfrastructure> logger) : IClusterInfrastructure
{
    /// <summary>How long GET /version may take before the cluster counts as unreachable (retry later).</summary>
    public static readonly TimeSpan VersionTimeout = TimeSpan.FromSeconds(20);

    /// <inheritdoc />
    public async Task<InfrastructureStartResult> BeginCreateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default)
    {
        var (plan, server, version) = await VerifyAsync(request, cancellationToken);
        logger.LogInformation("Using existing cluster {Server} (context {Context}, Kubernetes {Version}) for request {RequestId}; infrastructure steps skipped",
            server, plan.Context ?? "(current)", version, request.RequestId);
        return new InfrastructureStartResult(InfrastructureStartOutcome.Skipped, null, null);
    }

    /// <inheritdoc />
    public async Task<InfrastructureState> GetStateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default)
    {
        var (_, server, _) = await VerifyAsync(request, cancellationToken);
        return new InfrastructureState(InfrastructurePhase.Ready, null, null, null, server.Host, []);
    }

    /// <summary>The user's cluster keeps its own versions: an upgrade only checks it answers, then applies the manifests.</summary>
    public async Task<InfrastructureStartResult> BeginUpdateAsync(InfrastructureRequest request, CancellationToken cancellationToken = default)
    {
        await VerifyAsync(request, cancellationToken);
        return new InfrastructureStartResult(InfrastructureStartOutcome.Skipped, null, null);
    }

    /// <inheritdoc cref="BeginUpdateAsync"/>
    public async Task<InfrastructureStartResult> BeginNodePoolUpgradeAsync(InfrastructureRequest request, string nodePool, CancellationToken cancellationToken = default)
    {
        await VerifyAsync(request, cancellationToken);
        return new InfrastructureStartResult(InfrastructureStartOutcome.Skipped, null, null);
    }

    /// <inheritdoc />
    public async Task<ClusterConnection> ConnectAsync(InfrastructureRequest request, CancellationToken cancellationToken = default)
    {
        var (plan, server, _) = await VerifyAsync(request, cancellationToken);
        var kubeconfig = await File.ReadAllBytesAsync(plan.KubeconfigPath, cancellationToken);
        try
        {
            return new ClusterConnection(kubeconfig, plan.Context, server);
        }
        finally
        {
            Array.Clear(kubeconfig);
        }
    }

    /// <inheritdoc />
    public Task<InfrastructureDeleteResult> BeginDeleteAsync(InfrastructureRequest request, CancellationToken cancellationToken = default)
    {
        // The cluster belongs to the user: tearing down a build never deletes it.
        logger.LogInformation("Request {RequestId} uses an existing cluster; it is not deleted", request.RequestId);
        return Task.FromResult(new InfrastructureDeleteResult(InfrastructureDeleteOutcome.Skipped, null));
    }

    private async Task<(ExistingClusterPlan Plan, Uri Server, string Version)> VerifyAsync(InfrastructureRequest request, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(request);
        var plan = request.Infrastructure.Existing ?? throw InvalidPlan.Error("Infrastructure.Existing", "is required when Provider is 'existing'");
        if (string.IsNullOrWhiteSpace(plan.KubeconfigPath))
        {
            throw InvalidPlan.Error("Existing.KubeconfigPath", "is required");
        }

        if (!File.Exists(plan.KubeconfigPath))
        {
            throw new InfrastructureException(InfrastructureErrorKind.Permanent, "KubeconfigNotFound",
                $"Existing.KubeconfigPath: no kubeconfig file at '{plan.KubeconfigPath}'.");
        }

        KubernetesClientConfiguration configuration;
        try
        {
            configuration = KubernetesClientConfiguration.BuildConfigFromConfigFile(plan.KubeconfigPath, currentContext: plan.Context);
        }
        catch (KubeConfigException ex)
        {
            throw new InfrastructureException(InfrastructureErrorKind.Permanent, "KubeconfigInvalid",
                $"Existing.KubeconfigPath '{plan.KubeconfigPath}' (context {plan.Context ?? "current"}) cannot be used: {ex.Message}", null, null, ex);
        }

        var server = new Uri(configuration.Host);
        using var client = new k8s.Kubernetes(configuration);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(VersionTimeout);
        try
        {
            var version = await client.Version.GetCodeAsync(timeout.Token);
            return (plan, server, version.GitVersion);
        }
        catch (HttpOperationException ex) when ((int)ex.Response.StatusCode is 401 or 403)
        {
            throw new InfrastructureException(InfrastructureErrorKind.Permanent, "ClusterUnauthorized",
                $"The API server {server} refused the kubeconfig's credentials ({(int)ex.Response.StatusCode}) for GET /version.", (int)ex.Response.StatusCode, null, ex);
        }
        catch (HttpOperationException ex)
        {
            var status = (int)ex.Response.StatusCode;
            throw new InfrastructureException(status >= 500 ? InfrastructureErrorKind.RetryLater : InfrastructureErrorKind.Permanent, "ClusterApiError",
                $"The API server {server} answered {status} to GET /version.", status, null, ex);
        }
        catch (HttpRequestException ex) when (ex.InnerException is System.Security.Authentication.AuthenticationException)
        {
            // Waiting will not make the server's certificate trusted: the kubeconfig or the cluster must change.
            throw new InfrastructureException(InfrastructureErrorKind.Permanent, "ClusterCertificateUntrusted",
                $"The API server {server} presented a certificate the kubeconfig's certificate authority does not trust: {ex.InnerException.Message}", null, null, ex);
        }
        catch (Exception ex) when (ex is HttpRequestException || (ex is OperationCanceledException && !cancellationToken.IsCancellationRequested))
        {
            throw new InfrastructureException(InfrastructureErrorKind.RetryLater, "ClusterUnreachable",
                $"The API server {server} did not answer GET /version: {ex.Message}", null, null, ex);
        }
    }
}
