using System.Text;

namespace ClusterFunctions.LocalCloud.Arm.Clusters;

/// <summary>Writes the kubeconfig AKS returns from listClusterUserCredential: one cluster, one token user, one context.</summary>
internal static class KubeconfigWriter
{
    public static string Write(string resourceGroup, string clusterName, ClusterApiEndpoint endpoint)
    {
        var user = $"clusterUser_{resourceGroup}_{clusterName}";
        var text = new StringBuilder()
            .AppendLine("apiVersion: v1")
            .AppendLine("kind: Config")
            .AppendLine("clusters:")
            .AppendLine($"- name: {Quote(clusterName)}")
            .AppendLine("  cluster:")
            .AppendLine($"    server: {Quote(endpoint.Server.AbsoluteUri.TrimEnd('/'))}");
        if (endpoint.CertificateAuthorityPem is { } pem)
        {
            text.AppendLine($"    certificate-authority-data: {Convert.ToBase64String(Encoding.UTF8.GetBytes(pem))}");
        }
        else if (endpoint.Server.Scheme == Uri.UriSchemeHttps)
        {
            // Without a CA there is nothing to verify against; loopback emulators only.
            text.AppendLine("    insecure-skip-tls-verify: true");
        }

        return text
            .AppendLine("contexts:")
            .AppendLine($"- name: {Quote(clusterName)}")
            .AppendLine("  context:")
            .AppendLine($"    cluster: {Quote(clusterName)}")
            .AppendLine($"    user: {Quote(user)}")
            .AppendLine($"current-context: {Quote(clusterName)}")
            .AppendLine("users:")
            .AppendLine($"- name: {Quote(user)}")
            .AppendLine("  user:")
            .AppendLine($"    token: {Quote(endpoint.Token)}")
            .ToString();
    }

    // Double-quoted YAML scalars: names are validated, but quoting keeps any ':' or '#' inert.
    private static string Quote(string value) => "\"" + value.Replace("\\", "\\\\").Replace("\"", "\\\"") + "\"";
}
