using System.Text.Json;
using System.Text.Json.Nodes;
using ClusterFunctions.Cli.Remote;

namespace ClusterFunctions.Cli.Commands;

/// <summary>
/// <c>./cluster kubeconfig NAME</c>: the cluster's user kubeconfig, which the app fetches from Azure Resource Manager
/// when asked (as <c>az aks get-credentials</c> does) and never keeps. Printed, or written to an owner-only file.
/// </summary>
public sealed class KubeconfigCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("print a Ready cluster's kubeconfig (fetched from Azure when asked): NAME [--endpoint URL] [--file PATH]", ["--endpoint", "--key", "--file"], [], Positional: "--name");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        using var api = RemoteApi.Connect(arguments);
        var name = arguments.Require("--name");
        var (status, text) = await api.GetTextAsync($"api/clusters/{Uri.EscapeDataString(name)}/kubeconfig", cancellationToken);
        if (status != 200)
        {
            error.WriteLine($"error: {ApiErrors.Describe(status, Parse(text))}");
            return 1;
        }

        if (arguments.Get("--file") is { } path)
        {
            await OwnerOnlyFile.WriteAsync(path, text, cancellationToken);
            output.WriteLine($"wrote {path} (readable by you only); use it with: kubectl --kubeconfig {path} get namespaces");
            return 0;
        }

        output.Write(text);
        return 0;
    }

    private static JsonNode? Parse(string text)
    {
        try
        {
            return text.Length == 0 ? null : JsonNode.Parse(text);
        }
        catch (JsonException)
        {
            return JsonValue.Create(text);
        }
    }
}
