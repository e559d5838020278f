using ClusterFunctions.Host;
using ClusterFunctions.Host.Hosting;
using ClusterFunctions.Host.Worker;

// Usage: ClusterFunctions.Host --app-dir DIR [--port 7071] [--state DIR] [--storage CONNECTION]
// Runs an isolated-worker function app until Ctrl+C or SIGTERM, as `func start` does.
var arguments = HostArguments.Parse(args);
if (arguments.Error is not null)
{
    Console.Error.WriteLine($"error: {arguments.Error}");
    Console.Error.WriteLine(HostArguments.Usage);
    return 2;
}

using var stop = new CancellationTokenSource();
// Ctrl+C and SIGTERM both stop gracefully: the front stops taking requests, the engine and the worker finish.
using var interrupt = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGINT, context => { context.Cancel = true; stop.Cancel(); });
using var terminate = System.Runtime.InteropServices.PosixSignalRegistration.Create(
    System.Runtime.InteropServices.PosixSignal.SIGTERM, context => { context.Cancel = true; stop.Cancel(); });
try
{
    await using LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(arguments.Options!, stop.Token);
    Console.WriteLine($"Functions host on {host.BaseUrl} ({host.Functions.Count} functions; keys in {host.Keys.FilePath})");
    foreach (string refused in host.RefusedFunctions)
    {
        Console.WriteLine($"  not served: {refused}");
    }

    await Task.Delay(Timeout.Infinite, stop.Token).ContinueWith(_ => { }, TaskScheduler.Default);
    Console.WriteLine("Stopping: running invocations may finish");
    return 0;
}
catch (Exception e) when (e is HostConfigurationException or WorkerStartException)
{
    Console.Error.WriteLine($"error: {e.Message}");
    return 1;
}
catch (OperationCanceledException)
{
    Console.Error.WriteLine("interrupted");
    return 130;
}
