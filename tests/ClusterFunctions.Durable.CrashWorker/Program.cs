// The crash test's worker process: ClusterFunctions.Durable.CrashWorker <database> <execution-log-prefix>.
using ClusterFunctions.Durable.CrashWorker;
using ClusterFunctions.Durable.DependencyInjection;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

if (args.Length != 2)
{
    Console.Error.WriteLine("usage: ClusterFunctions.Durable.CrashWorker <database-path> <execution-log-path>");
    return 2;
}

var builder = Host.CreateApplicationBuilder();
builder.Logging.SetMinimumLevel(LogLevel.Warning);
builder.Services.AddSingleton(new ExecutionLog(args[1]));
builder.Services.AddDurableTask(b => b
    .AddOrchestrator<CrashFanOutOrchestrator>()
    .AddActivity<CrashWorkActivity>()
    .UseSqlite(args[0])
    .ConfigureWorker(o =>
    {
        // Short leases so a killed worker's work is picked up within seconds; a generous dequeue limit because
        // the test kills on purpose and expects completion, not poison handling.
        o.LockTimeout = TimeSpan.FromSeconds(4);
        o.PollingInterval = TimeSpan.FromMilliseconds(20);
        o.MaxDequeueCount = 50;
        o.MaxConcurrentActivities = 12;
    }));
using var host = builder.Build();
await host.StartAsync();
Console.WriteLine("ready");
await host.WaitForShutdownAsync();
return 0;
