using System.Diagnostics;
using ClusterFunctions.ChildProcesses;
using ClusterFunctions.Host.Hosting;
using Microsoft.Azure.Functions.Worker.Grpc.Messages;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Host.Worker;

/// <summary>
/// Keeps one worker process running, as the Functions host does: starts it, runs the handshake, and when the process
/// dies starts a new one; invocations wait for a ready worker and learn when the one they went to died.
/// </summary>
internal sealed class WorkerSupervisor : IAsyncDisposable
{
    /// <summary>How long a stop waits for running invocations before it terminates the worker.</summary>
    public static readonly TimeSpan ShutdownTimeout = TimeSpan.FromSeconds(20);

    // How long the host waits for a worker to connect and load its functions.
    private static readonly TimeSpan StartTimeout = TimeSpan.FromSeconds(60);
    private static readonly TimeSpan RestartDelay = TimeSpan.FromSeconds(1);

    private readonly FunctionAppFiles _app;
    private readonly WorkerChannel _channel;
    private readonly Uri _hostEndpoint;
    private readonly IReadOnlyDictionary<string, string?> _environment;
    private readonly ILogger _log;
    private readonly CancellationTokenSource _stopping = new();
    private TaskCompletionSource<RunningWorker> _ready = NewReady();
    private Task? _supervision;

    public WorkerSupervisor(FunctionAppFiles app, WorkerChannel channel, Uri hostEndpoint, IReadOnlyDictionary<string, string?> environment, ILogger log)
    {
        _app = app;
        _channel = channel;
        _hostEndpoint = hostEndpoint;
        _environment = environment;
        _log = log;
    }

    /// <summary>The functions the first worker reported; the host builds its triggers from these.</summary>
    public IReadOnlyList<WorkerFunction> Functions { get; private set; } = [];

    /// <summary>Starts the first worker and waits until its functions are loaded; failures here are the app's and are thrown.</summary>
    public async Task StartAsync(CancellationToken cancellationToken)
    {
        (RunningWorker worker, IReadOnlyList<WorkerFunction> functions) = await StartWorkerAsync(cancellationToken);
        Functions = functions;
        _ready.TrySetResult(worker);
        _supervision = Task.Run(() => SuperviseAsync(worker));
    }

    /// <summary>The ready worker, waiting through a restart.</summary>
    public async Task<RunningWorker> GetWorkerAsync(CancellationToken cancellationToken)
    {
        while (true)
        {
            RunningWorker worker = await Volatile.Read(ref _ready).Task.WaitAsync(cancellationToken);
            if (!IsGone(worker))
            {
                return worker;
            }

            // Dead but not yet replaced: its stream closes (and the replacement begins) moments after the process exits.
            await Task.WhenAny(worker.Stream.Closed, Task.Delay(50, cancellationToken));
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stopping.CancelAsync();
        if (_ready.Task.IsCompletedSuccessfully)
        {
            RunningWorker worker = _ready.Task.Result;
            try
            {
                // The worker finishes what it runs and exits on its own within the grace period.
                await worker.Stream.SendAsync(new StreamingMessage
                {
                    WorkerTerminate = new WorkerTerminate { GracePeriod = Google.Protobuf.WellKnownTypes.Duration.FromTimeSpan(ShutdownTimeout) },
                }, CancellationToken.None);
                using var grace = new CancellationTokenSource(ShutdownTimeout);
                await worker.Process.WaitForExitAsync(grace.Token);
            }
            catch (Exception e) when (e is WorkerProcessExitException or OperationCanceledException)
            {
                // Gone already, or did not leave in time: the kill below ends it.
            }

            await ChildProcess.KillAsync(worker.Process, TimeSpan.FromSeconds(5));
        }

        _ready.TrySetCanceled();
        if (_supervision is not null)
        {
            await _supervision;
        }
    }

    private async Task SuperviseAsync(RunningWorker worker)
    {
        while (true)
        {
            try
            {
                await Task.WhenAny(worker.Process.WaitForExitAsync(_stopping.Token), worker.Stream.Closed).Unwrap().WaitAsync(_stopping.Token);
            }
            catch (OperationCanceledException)
            {
                return;
            }

            Retire(worker);
            await ChildProcess.KillAsync(worker.Process, TimeSpan.FromSeconds(5));
            _log.LogWarning("Worker process {ProcessId} exited (code {ExitCode}); starting a new one",
                worker.Process.Id, worker.Process.HasExited ? worker.Process.ExitCode : -1);
            while (true)
            {
                try
                {
                    await Task.Delay(RestartDelay, _stopping.Token);
                    (worker, _) = await StartWorkerAsync(_stopping.Token);
                    _ready.TrySetResult(worker);
                    break;
                }
                catch (OperationCanceledException)
                {
                    return;
                }
                catch (Exception e) when (e is WorkerStartException or WorkerProcessExitException or TimeoutException)
                {
                    _log.LogError("Worker restart failed: {Reason}; trying again", e.Message);
                }
            }
        }
    }

    private async Task<(RunningWorker, IReadOnlyList<WorkerFunction>)> StartWorkerAsync(CancellationToken cancellationToken)
    {
        string workerId = Guid.NewGuid().ToString();
        // Setting names go to the worker as environment variables in the form Azure gives app settings (A__B, not
        // A:B): the watchdog shell in front of the worker drops variables whose names are not shell identifiers.
        var environment = _environment.ToDictionary(s => s.Key.Replace(":", "__", StringComparison.Ordinal), s => s.Value);
        foreach ((string key, string? value) in new Dictionary<string, string?>
        {
            ["Functions__Worker__HostEndpoint"] = _hostEndpoint.ToString(),
            ["Functions__Worker__WorkerId"] = workerId,
            ["Functions__Worker__RequestId"] = Guid.NewGuid().ToString(),
            ["Functions__Worker__GrpcMaxMessageLength"] = int.MaxValue.ToString(System.Globalization.CultureInfo.InvariantCulture),
            ["FUNCTIONS_WORKER_DIRECTORY"] = _app.Directory,
            ["FUNCTIONS_APPLICATION_DIRECTORY"] = _app.Directory,
        })
        {
            environment[key] = value;
        }

        Task<WorkerStream> connection = _channel.WaitForWorkerAsync(workerId, cancellationToken);
        Process process = ChildProcess.Start(_app.WorkerExecutable, [_app.WorkerPath], _app.Directory, environment);
        var output = new ProcessOutputTail(process, _log);
        try
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(StartTimeout);
            Task exited = process.WaitForExitAsync(timeout.Token);
            if (await Task.WhenAny(connection, exited) != connection)
            {
                throw new WorkerStartException(process.HasExited
                    ? $"the worker ({_app.WorkerPath}) exited with code {process.ExitCode} before connecting: {output.Tail()}"
                    : $"the worker ({_app.WorkerPath}) did not connect within {StartTimeout.TotalSeconds:0} s: {output.Tail()}");
            }

            WorkerStream stream = await connection;
            var handshake = await WorkerHandshake.RunAsync(stream, _app.Directory, timeout.Token);
            if (handshake.HttpUri is not null)
            {
                // The worker names its HTTP address before its server listens; a restarted worker gets requests at once.
                await WaitUntilListeningAsync(handshake.HttpUri, process, timeout.Token);
            }

            _log.LogInformation("Worker {ProcessId} ready with {Count} functions", process.Id, handshake.Functions.Count);
            var worker = new RunningWorker(process, stream, handshake.HttpUri, handshake.Ids);
            _ = stream.Closed.ContinueWith(_ => Retire(worker), CancellationToken.None, TaskContinuationOptions.ExecuteSynchronously, TaskScheduler.Default);
            return (worker, handshake.Functions);
        }
        catch
        {
            await ChildProcess.KillAsync(process, TimeSpan.FromSeconds(5));
            throw;
        }
    }

    private static async Task WaitUntilListeningAsync(Uri address, Process process, CancellationToken cancellationToken)
    {
        while (true)
        {
            using var probe = new System.Net.Sockets.TcpClient();
            try
            {
                await probe.ConnectAsync(address.Host == "localhost" ? "127.0.0.1" : address.Host, address.Port, cancellationToken);
                return;
            }
            catch (System.Net.Sockets.SocketException) when (!process.HasExited)
            {
                await Task.Delay(25, cancellationToken);
            }
            catch (System.Net.Sockets.SocketException)
            {
                throw new WorkerStartException($"the worker exited with code {process.ExitCode} before its HTTP server listened on {address}");
            }
        }
    }

    private static bool IsGone(RunningWorker worker) => worker.Stream.Closed.IsCompleted || worker.Process.HasExited;

    // Called the moment a worker's stream closes, so no new call is handed a dead worker while supervision catches up.
    private void Retire(RunningWorker worker)
    {
        TaskCompletionSource<RunningWorker> current = Volatile.Read(ref _ready);
        if (current.Task.IsCompletedSuccessfully && ReferenceEquals(current.Task.Result, worker))
        {
            Interlocked.CompareExchange(ref _ready, NewReady(), current);
        }
    }

    private static TaskCompletionSource<RunningWorker> NewReady() => new(TaskCreationOptions.RunContinuationsAsynchronously);
}
