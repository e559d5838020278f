using System.Diagnostics;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Arm.Tests.Interop;

/// <summary>
/// The official JavaScript AKS SDK (@azure/arm-containerservice, default api-version, any bearer
/// token) creates, reads, lists credentials of and deletes a managed cluster through the emulator.
/// </summary>
public sealed class NpmSdkInteropTests
{
    private static readonly string WorkDirectory = Path.Combine(Path.GetTempPath(), "cf-arm-npm-interop");

    [Fact]
    public async Task ArmContainerService_CreateReadCredentialsDelete_WorksAgainstEmulator()
    {
        await using var client = await EmulatorClient.StartAsync(new ArmEmulatorOptions { PollRetryAfterSeconds = 0 });
        await client.PutGroupAsync("rg-npm");
        await PrepareAsync();
        var pem = Path.Combine(WorkDirectory, "emulator.pem");
        await File.WriteAllTextAsync(pem, client.Emulator.CertificatePem);

        var (exit, output) = await RunAsync("node", "interop.mjs", new Dictionary<string, string>
        {
            ["ARM_ENDPOINT"] = client.Emulator.Endpoint.AbsoluteUri.TrimEnd('/'),
            ["ARM_SUBSCRIPTION"] = EmulatorClient.Subscription,
            ["ARM_RESOURCE_GROUP"] = "rg-npm",
            ["ARM_CLUSTER"] = "npmaks",
            ["NODE_EXTRA_CA_CERTS"] = pem,
        });

        Assert.True(exit == 0, output);
        var seen = JsonNode.Parse(output.Trim().Split('\n')[^1])!;
        Assert.Equal("Succeeded", seen["created"]!.GetValue<string>());
        Assert.Equal("Succeeded", seen["read"]!.GetValue<string>());
        Assert.EndsWith(".hcp.centralindia.azmk8s.io", seen["fqdn"]!.GetValue<string>());
        Assert.Equal("system", seen["pools"]![0]!.GetValue<string>());
        Assert.Equal("https://npmaks.localcloud.invalid", seen["kubeconfigServer"]!.GetValue<string>());
        Assert.True(seen["deleted"]!.GetValue<bool>());
        Assert.Contains(client.Emulator.Requests, r => r.StartsWith("PUT /subscriptions/" + EmulatorClient.Subscription + "/resourceGroups/rg-npm/", StringComparison.Ordinal));
    }

    // Installs the pinned SDK once per machine (package-lock.json; npm's cache makes reruns offline).
    private static async Task PrepareAsync()
    {
        Directory.CreateDirectory(WorkDirectory);
        var source = Path.Combine(AppContext.BaseDirectory, "Interop", "npm");
        var lockChanged = !File.Exists(Path.Combine(WorkDirectory, "package-lock.json"))
            || await File.ReadAllTextAsync(Path.Combine(WorkDirectory, "package-lock.json")) != await File.ReadAllTextAsync(Path.Combine(source, "package-lock.json"));
        foreach (var file in new[] { "package.json", "package-lock.json", "interop.mjs" })
        {
            File.Copy(Path.Combine(source, file), Path.Combine(WorkDirectory, file), overwrite: true);
        }

        if (lockChanged || !Directory.Exists(Path.Combine(WorkDirectory, "node_modules", "@azure", "arm-containerservice")))
        {
            var (exit, output) = await RunAsync("npm", "ci --prefer-offline --no-audit --no-fund", new Dictionary<string, string>());
            Assert.True(exit == 0, "npm ci failed: " + output);
        }
    }

    private static async Task<(int Exit, string Output)> RunAsync(string program, string arguments, Dictionary<string, string> environment)
    {
        var start = new ProcessStartInfo(program, arguments)
        {
            WorkingDirectory = WorkDirectory,
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        foreach (var (key, value) in environment)
        {
            start.Environment[key] = value;
        }

        using var process = Process.Start(start)!;
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        var stdout = process.StandardOutput.ReadToEndAsync(timeout.Token);
        var stderr = process.StandardError.ReadToEndAsync(timeout.Token);
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await stdout + await stderr);
    }
}
