using ClusterFunctions.Azurite;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.LocalCloud.Arm;
using ClusterFunctions.LocalCloud.Kubernetes;
using ClusterFunctions.LocalCloud.Persistence;
using ClusterFunctions.LocalCloud.ServiceBus;

namespace ClusterFunctions.Cli.Commands;

/// <summary>
/// <c>./cluster emulate all|azure|kubernetes|servicebus|storage</c>: runs LocalCloud (or one emulator; storage is an
/// Azurite, the one emulator that runs as a process of its own) until Ctrl+C and prints what points a host or client at it. With <c>--data DIR</c> it keeps its state
/// there (ARM in DIR/arm, each cluster's Kubernetes objects in DIR/kubernetes, Service Bus messages in DIR), so a
/// restart on the same directory carries on where it stopped.
/// </summary>
public sealed class EmulateCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new(
        "run LocalCloud or one emulator: all|azure|kubernetes|servicebus|storage [--port N] [--data DIR] [--provisioning-time 00:00:02] [--readiness-delay 00:00:01]",
        ["--port", "--data", "--provisioning-time", "--readiness-delay", "--servicebus-port"],
        [],
        Positional: "--what");

    public async Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        try
        {
            return await EmulateAsync(arguments, output, cancellationToken);
        }
        catch (DataDirectoryException e)
        {
            // A directory in use, a damaged state file or a remembered port now taken: the message says which and what to do.
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static async Task<int> EmulateAsync(CliArguments arguments, TextWriter output, CancellationToken cancellationToken)
    {
        var data = arguments.Get("--data");
        var what = arguments.Get("--what") ?? "all";
        var port = int.Parse(arguments.Get("--port") ?? "0", System.Globalization.CultureInfo.InvariantCulture);
        var provisioning = TimeSpan.Parse(arguments.Get("--provisioning-time") ?? "00:00:00", System.Globalization.CultureInfo.InvariantCulture);
        var readiness = TimeSpan.Parse(arguments.Get("--readiness-delay") ?? "00:00:00", System.Globalization.CultureInfo.InvariantCulture);
        IAsyncDisposable running;
        switch (what)
        {
            case "all":
                var cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions
                {
                    ArmPort = port,
                    ServiceBusPort = int.Parse(arguments.Get("--servicebus-port") ?? "0", System.Globalization.CultureInfo.InvariantCulture),
                    ProvisioningTime = provisioning,
                    ReadinessDelay = readiness,
                    DataDirectory = data,
                }, cancellationToken: cancellationToken);
                output.WriteLine("LocalCloud is running. Point a host at it with these settings (environment variables):");
                output.WriteLine("  LocalCloud__Mode=external");
                var certificate = Path.Combine(Path.GetTempPath(), $"localcloud-arm-{Environment.ProcessId}.pem");
                await File.WriteAllTextAsync(certificate, cloud.Arm.CertificatePem, cancellationToken);
                foreach (var (key, value) in cloud.HostSettings().Where(s => s.Key != "Azure:ResourceManagerCertificatePem"))
                {
                    output.WriteLine($"  {key.Replace(":", "__", StringComparison.Ordinal)}=\"{value}\"");
                }

                output.WriteLine($"  Azure__ResourceManagerCertificatePath={certificate}");

                running = cloud;
                break;
            case "azure":
                var arm = await ArmEmulator.StartAsync(new ArmEmulatorOptions
                {
                    Port = port,
                    ProvisioningTime = provisioning,
                    DataDirectory = data is null ? null : Path.Combine(data, "arm"),
                }, cancellationToken: cancellationToken);
                output.WriteLine($"ARM emulator: {arm.Endpoint} (self-signed certificate below; any bearer token is accepted)");
                output.WriteLine(arm.CertificatePem);
                running = arm;
                break;
            case "kubernetes":
                var kube = await KubernetesEmulator.StartAsync(new KubernetesEmulatorOptions
                {
                    Port = port,
                    ReadinessDelay = readiness,
                    DataDirectory = data is null ? null : Path.Combine(data, "kubernetes", "localcloud"),
                }, cancellationToken);
                var kubeconfig = Path.Combine(Path.GetTempPath(), $"localcloud-kubeconfig-{Environment.ProcessId}");
                await File.WriteAllTextAsync(kubeconfig, kube.CreateKubeconfig(), cancellationToken);
                if (!OperatingSystem.IsWindows())
                {
                    // The kubeconfig carries the admin token: readable by its owner only.
                    File.SetUnixFileMode(kubeconfig, UnixFileMode.UserRead | UnixFileMode.UserWrite);
                }
                output.WriteLine($"Kubernetes API emulator: {kube.Url}");
                output.WriteLine($"  kubectl --kubeconfig {kubeconfig} get namespaces");
                running = kube;
                break;
            case "servicebus":
                var options = ServiceBusEmulatorOptions.WithClusterDefaults();
                options.Port = port;
                options.DataDirectory = data;
                var bus = await ServiceBusEmulator.StartAsync(options, cancellationToken);
                output.WriteLine($"Service Bus emulator: {bus.Endpoint} (queue cluster-requests, topic cluster-events with subscription all)");
                output.WriteLine($"  {bus.ConnectionString}");
                running = bus;
                break;
            case "storage":
                var azurite = await AzuriteServer.StartAsync(data is null ? null : Path.Combine(data, "azurite"), cancellationToken: cancellationToken);
                output.WriteLine("Azurite (blob, queue, table) for the Functions host (--storage, or the AzureWebJobsStorage setting):");
                output.WriteLine($"  AzureWebJobsStorage=\"{azurite.ConnectionString}\"");
                running = azurite;
                break;
            default:
                throw new CliUsageException($"emulate what? '{what}' (all, azure, kubernetes, servicebus or storage)");
        }

        output.WriteLine("Ctrl+C stops it.");
        await output.FlushAsync(cancellationToken);
        await using (running)
        {
            await Task.Delay(Timeout.Infinite, cancellationToken).ContinueWith(_ => { }, TaskScheduler.Default);
        }

        return 0;
    }
}
