using System.Diagnostics;
using System.Globalization;
using ClusterFunctions.Bench.E2e;
using ClusterFunctions.Bench.Reconcile;
using ClusterFunctions.Bench.Scale;
using ClusterFunctions.Core.Requests;
using ClusterFunctions.Azurite;
using ClusterFunctions.LocalCloud;

// ./bench/run reconcile [--clusters 100] [--interval 10s] [--checks 3]: N developer clusters built to Ready on
// LocalCloud by one app instance whose catalog reconciles every interval (report mode); then what their reconcile
// loops cost over a window of `checks` intervals, net of an idle window of the same length measured before the builds
// in the same run, per cluster per interval: CPU ms, storage transactions, Kubernetes and ARM requests.
int clusters = 100;
TimeSpan interval = TimeSpan.FromSeconds(10);
int intervals = 3;
for (int i = 0; i + 1 < args.Length; i += 2)
{
    switch (args[i])
    {
        case "--clusters": clusters = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        case "--interval": interval = Ttl.Parse(args[i + 1]) ?? throw new ArgumentException($"--interval {args[i + 1]}: use e.g. 10s or 1m"); break;
        case "--checks": intervals = int.Parse(args[i + 1], CultureInfo.InvariantCulture); break;
        default: throw new ArgumentException($"unknown option {args[i]} (use --clusters N, --interval 10s, --checks N)");
    }
}

string repository = Repository.Root();
string state = Path.Combine(Path.GetTempPath(), "cf-bench-reconcile-" + Guid.NewGuid().ToString("N"));
string hub = "Reconcile" + Guid.NewGuid().ToString("N")[..8];
TimeSpan window = interval * intervals;
// Read the loops' last checks well within an interval, so that none is replaced unseen.
TimeSpan poll = interval / 3;
WindowCost idle;
WindowCost reconcile;
double buildSeconds;
try
{
    string catalog = BenchCatalog.Copy(Path.Combine(repository, "infra", "catalog"), Path.Combine(state, "catalog"), interval);
    await using LocalCloudHost cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions());
    await using var events = new CompletionEvents(cloud.ServiceBus.ConnectionString, LocalCloudHost.EventsTopic, LocalCloudHost.EventsSubscription);
    await using AzuriteServer azurite = await AzuriteServer.StartAsync(dataDirectory: null);
    await using StorageProxy storage = StorageProxy.Start(azurite);
    await StorageProxyCheck.RunAsync(storage);
    Dictionary<string, string> settings = BenchAppSettings.For(cloud, catalog);
    settings["TASKHUB_NAME"] = hub;
    await using AppInstance app = await AppInstance.StartAsync(1, storage.ConnectionString, Path.Combine(state, "instance"), settings, CancellationToken.None);
    var checks = new ReconcileChecks(azurite.ConnectionString, hub);

    // The engine creates its task hub and takes its partition leases (renewed every 10 s) in the first seconds.
    Console.WriteLine($"app started on {app.BaseUrl}; idle window of {window.TotalSeconds:0} s after 20 s to settle");
    await Task.Delay(TimeSpan.FromSeconds(20));
    idle = await WindowCost.MeasureAsync(window, poll, app, azurite.ProcessId, storage, cloud, checks);
    Print("idle", idle);

    string[] names = Enumerable.Range(0, clusters).Select(i => $"rc-{i}").ToArray();
    Console.WriteLine($"building {clusters} developer clusters (about 1.5 CPU-s each on 2 cores)");
    var started = Stopwatch.GetTimestamp();
    int ready = 0;
    foreach (string name in names)
    {
        _ = events.ForAsync(name).ContinueWith(_ => Interlocked.Increment(ref ready), TaskScheduler.Default);
    }

    Task<long> building = ScaleRound.BuildAllAsync(cloud, events, names);
    while (await Task.WhenAny(building, Task.Delay(TimeSpan.FromSeconds(15))) != building)
    {
        Console.WriteLine($"  {Volatile.Read(ref ready)} of {clusters} ready after {Stopwatch.GetElapsedTime(started).TotalSeconds:0} s");
    }

    await building;
    buildSeconds = Stopwatch.GetElapsedTime(started).TotalSeconds;
    Console.WriteLine($"  all {clusters} ready after {buildSeconds:0} s");

    // The last loops start at their cluster's Ready and first check one interval later; the builds' own
    // orchestrations finish after announcing Ready.
    TimeSpan settle = 2 * interval + TimeSpan.FromSeconds(10);
    Console.WriteLine($"reconcile window of {window.TotalSeconds:0} s after {settle.TotalSeconds:0} s to settle");
    await Task.Delay(settle);
    reconcile = await WindowCost.MeasureAsync(window, poll, app, azurite.ProcessId, storage, cloud, checks);
    Print("reconcile", reconcile);
    Console.WriteLine($"  loops seen checking: {checks.Loops} of {clusters}");
}
finally
{
    if (Directory.Exists(state))
    {
        Directory.Delete(state, recursive: true);
    }
}

// The idle window's cost scaled to the reconcile window's exact length, then divided over clusters × intervals.
double scale = reconcile.Seconds / idle.Seconds;
double clusterIntervals = clusters * reconcile.Seconds / interval.TotalSeconds;
double Net(Func<WindowCost, double> figure) => figure(reconcile) - scale * figure(idle);
var figures = new SortedDictionary<string, (double Value, string Unit)>(StringComparer.Ordinal)
{
    ["checks_measured"] = (reconcile.Checks, "checks"),
    ["checks_per_cluster_interval"] = (reconcile.Checks / clusterIntervals, "ratio (1 when every loop checked once per interval)"),
    ["cpu_ms_per_cluster_interval"] = (Net(w => w.AllCpuMs) / clusterIntervals, "CPU ms (app, Azurite, LocalCloud; net of idle)"),
    ["app_cpu_ms_per_cluster_interval"] = (Net(w => w.AppCpuMs) / clusterIntervals, "CPU ms (host + worker; net of idle)"),
    ["azurite_cpu_ms_per_cluster_interval"] = (Net(w => 1000 * w.Cpu.Azurite) / clusterIntervals, "CPU ms (net of idle)"),
    ["localcloud_cpu_ms_per_cluster_interval"] = (Net(w => 1000 * w.Cpu.LocalCloud) / clusterIntervals, "CPU ms (emulators + storage proxy; net of idle)"),
    ["storage_tx_per_cluster_interval"] = (Net(w => w.Storage.Total) / clusterIntervals, "transactions (net of idle)"),
    ["storage_blob_tx_per_cluster_interval"] = (Net(w => w.Storage.Blob) / clusterIntervals, "transactions (net of idle)"),
    ["storage_queue_tx_per_cluster_interval"] = (Net(w => w.Storage.Queue) / clusterIntervals, "transactions (net of idle)"),
    ["storage_table_tx_per_cluster_interval"] = (Net(w => w.Storage.Table) / clusterIntervals, "transactions (net of idle)"),
    ["k8s_requests_per_cluster_interval"] = (Net(w => w.Kubernetes.Total) / clusterIntervals, "requests (net of idle)"),
    ["arm_requests_per_cluster_interval"] = (Net(w => w.Arm.Total) / clusterIntervals, "requests (net of idle)"),
    ["idle_cpu_ms"] = (idle.AllCpuMs, $"CPU ms in {idle.Seconds:0.0} s (app {idle.AppCpuMs:0}, Azurite {1000 * idle.Cpu.Azurite:0}, LocalCloud {1000 * idle.Cpu.LocalCloud:0})"),
    ["idle_storage_tx"] = (idle.Storage.Total, $"transactions in {idle.Seconds:0.0} s (blob {idle.Storage.Blob}, queue {idle.Storage.Queue}, table {idle.Storage.Table})"),
    ["idle_k8s_requests"] = (idle.Kubernetes.Total, "requests"),
    ["idle_arm_requests"] = (idle.Arm.Total, "requests"),
    ["reconcile_cpu_ms"] = (reconcile.AllCpuMs, $"CPU ms in {reconcile.Seconds:0.0} s (app {reconcile.AppCpuMs:0}, Azurite {1000 * reconcile.Cpu.Azurite:0}, LocalCloud {1000 * reconcile.Cpu.LocalCloud:0})"),
    ["reconcile_storage_tx"] = (reconcile.Storage.Total, $"transactions in {reconcile.Seconds:0.0} s (blob {reconcile.Storage.Blob}, queue {reconcile.Storage.Queue}, table {reconcile.Storage.Table})"),
    ["reconcile_k8s_requests"] = (reconcile.Kubernetes.Total, $"requests (GET {reconcile.Kubernetes.Get}, PATCH {reconcile.Kubernetes.Patch}, POST {reconcile.Kubernetes.Post}, other {reconcile.Kubernetes.Total - reconcile.Kubernetes.Get - reconcile.Kubernetes.Patch - reconcile.Kubernetes.Post})"),
    ["reconcile_arm_requests"] = (reconcile.Arm.Total, $"requests (GET {reconcile.Arm.Get}, POST {reconcile.Arm.Post}, other {reconcile.Arm.Total - reconcile.Arm.Get - reconcile.Arm.Post})"),
    ["cpu_ratio_reconcile_to_idle"] = (reconcile.AllCpuMs / (scale * idle.AllCpuMs), "ratio"),
    ["storage_ratio_reconcile_to_idle"] = (reconcile.Storage.Total / (scale * idle.Storage.Total), "ratio"),
    ["machine_busy_idle"] = (idle.Cpu.BusyShare, $"share of all cores (rest of machine {idle.Cpu.Other:0.0} CPU-s)"),
    ["machine_busy_reconcile"] = (reconcile.Cpu.BusyShare, $"share of all cores (rest of machine {reconcile.Cpu.Other:0.0} CPU-s)"),
};
if (reconcile.Checks > 0)
{
    figures["app_cpu_ms_per_check"] = (Net(w => w.AppCpuMs) / reconcile.Checks, "CPU ms (host + worker; net of idle)");
    figures["storage_tx_per_check"] = (Net(w => w.Storage.Total) / reconcile.Checks, "transactions (net of idle)");
    figures["k8s_requests_per_check"] = (Net(w => w.Kubernetes.Total) / reconcile.Checks, "requests (net of idle)");
    figures["arm_requests_per_check"] = (Net(w => w.Arm.Total) / reconcile.Checks, "requests (net of idle)");
}

await BenchFigures.PrintAndWriteAsync("reconcile", figures,
    $"({clusters} clusters built in {buildSeconds:0} s; reconcile every {Ttl.Format(interval)} in report mode; windows of {intervals} intervals; {Environment.ProcessorCount} cores)");

static void Print(string name, WindowCost cost) => Console.WriteLine(
    $"  {name}: {cost.Seconds:0.0} s, checks {cost.Checks}; CPU s app {cost.AppCpuMs / 1000:0.00} (host {cost.Cpu.Hosts:0.00}, worker {cost.Cpu.Workers:0.00}), " +
    $"Azurite {cost.Cpu.Azurite:0.00}, LocalCloud {cost.Cpu.LocalCloud:0.00}, rest of machine {cost.Cpu.Other:0.00}; storage {cost.Storage.Total} " +
    $"(blob {cost.Storage.Blob}, queue {cost.Storage.Queue}, table {cost.Storage.Table}); Kubernetes {cost.Kubernetes.Total}; ARM {cost.Arm.Total}");
