using ClusterFunctions.Cli;

// Ctrl+C ends long-running commands (serve, emulate, events) through cancellation, not a kill.
using var stop = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    stop.Cancel();
};
AppDomain.CurrentDomain.ProcessExit += (_, _) => stop.Cancel();
return await CliApp.RunAsync(args, Console.Out, Console.Error, stop.Token);
