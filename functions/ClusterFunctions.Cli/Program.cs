using System.Runtime.InteropServices;
using ClusterFunctions.Cli;

// Ctrl+C and SIGTERM end long-running commands (serve, emulate, events) through cancellation, so
// hosts stop cleanly instead of being killed mid-write.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
using var terminate = PosixSignalRegistration.Create(PosixSignal.SIGTERM, signal =>
{
    signal.Cancel = true;
    stop.Cancel();
});
return await CliApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
