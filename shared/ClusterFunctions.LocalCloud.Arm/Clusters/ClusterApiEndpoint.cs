namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>What a kubeconfig for an emulated cluster points at.</summary>
/// <param name="Server">The API server URL.</param>
/// <param name="CertificateAuthorityPem">PEM of the CA that signed the server certificate; null skips TLS verification (loopback only).</param>
/// <param name="Token">The bearer token the cluster user presents.</param>
public sealed record ClusterApiEndpoint(Uri Server, string? CertificateAuthorityPem, string Token);
