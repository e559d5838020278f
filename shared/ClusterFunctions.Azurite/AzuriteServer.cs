using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using ClusterFunctions.ChildProcesses;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ClusterFunctions.Azurite;

/// <summary>
/// An Azurite of the caller's own, on free loopback ports: installed from the pinned lockfile on first use, never an
/// Azurite that happens to listen on 10000, stopped with its owner (and killed if the owner dies).
/// </summary>
public sealed class AzuriteServer : IAsyncDisposable
{
    // Azurite's well-known development account; it is public and guards nothing but a loopback emulator.
    private const string AccountName = "devstoreaccount1";
    private const string AccountKey = "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";

    // Azurite prints little unless it fails; the last lines say why it stopped.
    private const int OutputLinesKept = 20;

    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private readonly DateTimeOffset _started = DateTimeOffset.UtcNow;
    private volatile bool _stopping;

    private AzuriteServer(Process process, int blobPort, int queuePort, int tablePort)
    {
        _process = process;
        Ports = [blobPort, queuePort, tablePort];
        ConnectionString =
            $"DefaultEndpointsProtocol=http;AccountName={AccountName};AccountKey={AccountKey};" +
            $"BlobEndpoint=http://127.0.0.1:{blobPort}/{AccountName};" +
            $"QueueEndpoint=http://127.0.0.1:{queuePort}/{AccountName};" +
            $"TableEndpoint=http://127.0.0.1:{tablePort}/{AccountName};";
    }

    /// <summary>A connection string for this Azurite's three services.</summary>
    public string ConnectionString { get; }

    /// <summary>The blob, queue and table ports.</summary>
    public IReadOnlyList<int> Ports { get; }

    /// <summary>Azurite's process id.</summary>
    public int ProcessId => _process.Id;

    /// <summary>
    /// Why Azurite stopped when nobody stopped it (its exit code or signal, when it started, its last output), or null
    /// while it runs or after <see cref="DisposeAsync"/>. Every storage call fails with "connection refused" then; this
    /// says why.
    /// </summary>
    public string? UnexpectedExit => _stopping || !_process.HasExited ? null :
        $"Azurite {_process.Id} on ports {string.Join(", ", Ports)} (started {_started:HH\\:mm\\:ss}) stopped on its own " +
        $"({(_process.ExitCode > 128 ? $"signal {_process.ExitCode - 128}" : $"exit code {_process.ExitCode}")}); " +
        $"its last output: {string.Join(" | ", _output)}";

    /// <summary>
    /// Installs Azurite if needed, starts it and waits until its three services accept connections. Data stays under
    /// <paramref name="dataDirectory"/>, or in memory when it is null; <paramref name="ports"/> (blob, queue, table)
    /// restart an Azurite where it was, so its connection string still holds; free ports are taken when null.
    /// </summary>
    public static async Task<AzuriteServer> StartAsync(string? dataDirectory, IReadOnlyList<int>? ports = null,
        ILogger? logger = null, CancellationToken cancellationToken = default)
    {
        logger ??= NullLogger.Instance;
        // The pinned package.json and lockfile, copied next to every assembly that references this project.
        string packageDirectory = SharedInstallDirectory(Path.Combine(AppContext.BaseDirectory, "azurite"));
        string script = await EnsureInstalledAsync(packageDirectory, logger, cancellationToken);
        for (int attempt = 1; ; attempt++)
        {
            int[] listening = ports?.ToArray() ?? FreePorts(3);
            var arguments = new List<string>
            {
                script,
                "--blobHost", "127.0.0.1", "--blobPort", Port(listening[0]),
                "--queueHost", "127.0.0.1", "--queuePort", Port(listening[1]),
                "--tableHost", "127.0.0.1", "--tablePort", Port(listening[2]),
                "--skipApiVersionCheck", "--disableTelemetry", "--loose",
                // Without it Azurite writes an access-log line for every request: a pipe write on its one thread per
                // storage call, and the last lines kept for an unexpected exit would be requests, not why it stopped.
                "--silent",
            };
            if (dataDirectory is null)
            {
                arguments.Add("--inMemoryPersistence");
            }
            else
            {
                Directory.CreateDirectory(dataDirectory);
                arguments.AddRange(["--location", dataDirectory]);
            }

            Process process = ChildProcess.Start("node", arguments, packageDirectory, new Dictionary<string, string?>());
            var server = new AzuriteServer(process, listening[0], listening[1], listening[2]);
            process.OutputDataReceived += (_, e) => server.Keep(e.Data);
            process.ErrorDataReceived += (_, e) => server.Keep(e.Data);
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            if (await WaitListeningAsync(process, listening, TimeSpan.FromSeconds(30), cancellationToken))
            {
                logger.LogInformation("Azurite {ProcessId} listening on 127.0.0.1 ports {BlobPort}, {QueuePort}, {TablePort}",
                    process.Id, listening[0], listening[1], listening[2]);
                server.ReportUnexpectedExit(logger);
                return server;
            }

            await server.DisposeAsync();
            if (attempt == 3)
            {
                throw new InvalidOperationException(
                    $"Azurite did not start (node {script}): {string.Join(" | ", server._output.TakeLast(5))}");
            }
        }
    }

    /// <inheritdoc/>
    public async ValueTask DisposeAsync()
    {
        _stopping = true;
        await ChildProcess.KillAsync(_process, TimeSpan.FromSeconds(10));
    }

    private void Keep(string? line)
    {
        if (line is null)
        {
            return;
        }

        _output.Enqueue(line);
        while (_output.Count > OutputLinesKept && _output.TryDequeue(out _))
        {
        }
    }

    /// <summary>From now on, an exit that <see cref="DisposeAsync"/> did not cause is logged as an error.</summary>
    private void ReportUnexpectedExit(ILogger logger)
    {
        _ = Task.Run(async () =>
        {
            // Returns once the output is read to its end too, so the report has Azurite's last words.
            await _process.WaitForExitAsync();
            if (UnexpectedExit is { } report)
            {
                logger.LogError("{AzuriteExit}", report);
            }
        });
    }

    /// <summary>
    /// Where the pinned Azurite is installed: one folder per lockfile under the user's cache, shared by every build
    /// output that carries the same lockfile (the CLI, each test project, the benches), so npm installs it once.
    /// </summary>
    private static string SharedInstallDirectory(string packageDirectory)
    {
        string lockFile = Path.Combine(packageDirectory, "package-lock.json");
        if (!File.Exists(lockFile))
        {
            throw new InvalidOperationException($"Azurite: '{packageDirectory}' has no package-lock.json to install from.");
        }

        string cache = Environment.GetEnvironmentVariable("XDG_CACHE_HOME") is { Length: > 0 } xdg
            ? xdg
            : Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".cache");
        string hash = Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(File.ReadAllBytes(lockFile)))[..16];
        string target = Path.Combine(cache, "clusterfunctions", "azurite-" + hash);
        Directory.CreateDirectory(target);
        foreach (string file in new[] { "package.json", "package-lock.json" })
        {
            string destination = Path.Combine(target, file);
            if (!File.Exists(destination))
            {
                // Copied under a name of its own, then moved: processes starting at once never see half a file.
                string temporary = $"{destination}.{Guid.NewGuid():N}.tmp";
                File.Copy(Path.Combine(packageDirectory, file), temporary);
                File.Move(temporary, destination, overwrite: true);
            }
        }

        return target;
    }

    private static async Task<string> EnsureInstalledAsync(string packageDirectory, ILogger logger, CancellationToken cancellationToken)
    {
        string script = Path.Combine(packageDirectory, "node_modules", "azurite", "dist", "src", "azurite.js");
        if (File.Exists(script))
        {
            return script;
        }

        logger.LogInformation("Installing Azurite from {Directory}/package-lock.json (first use)", packageDirectory);
        // One install at a time per directory, also across processes (parallel test hosts share the directory).
        await using FileStream installLock = await AcquireLockAsync(Path.Combine(packageDirectory, ".install.lock"), cancellationToken);
        if (File.Exists(script))
        {
            return script;
        }

        var start = new ProcessStartInfo("npm") { WorkingDirectory = packageDirectory, RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (string argument in new[] { "ci", "--no-audit", "--no-fund" })
        {
            start.ArgumentList.Add(argument);
        }

        using Process npm = Process.Start(start) ?? throw new InvalidOperationException("Azurite: could not run npm; is Node.js installed?");
        Task<string> errors = npm.StandardError.ReadToEndAsync(cancellationToken);
        _ = npm.StandardOutput.ReadToEndAsync(cancellationToken);
        await npm.WaitForExitAsync(cancellationToken);
        if (npm.ExitCode != 0 || !File.Exists(script))
        {
            string tail = string.Join(" | ", (await errors).Split('\n', StringSplitOptions.RemoveEmptyEntries).TakeLast(3));
            throw new InvalidOperationException($"Azurite: npm ci in '{packageDirectory}' failed (exit {npm.ExitCode}): {tail}");
        }

        return script;
    }

    private static async Task<FileStream> AcquireLockAsync(string path, CancellationToken cancellationToken)
    {
        while (true)
        {
            try
            {
                return new FileStream(path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.None);
            }
            catch (IOException)
            {
                await Task.Delay(500, cancellationToken);
            }
        }
    }

    private static async Task<bool> WaitListeningAsync(Process process, int[] ports, TimeSpan timeout, CancellationToken cancellationToken)
    {
        var deadline = Stopwatch.StartNew();
        while (deadline.Elapsed < timeout)
        {
            if (process.HasExited)
            {
                return false;
            }

            bool all = true;
            foreach (int port in ports)
            {
                using var client = new TcpClient();
                try
                {
                    await client.ConnectAsync(IPAddress.Loopback, port, cancellationToken);
                }
                catch (SocketException)
                {
                    all = false;
                    break;
                }
            }

            if (all)
            {
                return true;
            }

            await Task.Delay(100, cancellationToken);
        }

        return false;
    }

    private static int[] FreePorts(int count)
    {
        var listeners = Enumerable.Range(0, count).Select(_ => new TcpListener(IPAddress.Loopback, 0)).ToList();
        listeners.ForEach(l => l.Start());
        int[] ports = listeners.Select(l => ((IPEndPoint)l.LocalEndpoint).Port).ToArray();
        listeners.ForEach(l => l.Stop());
        return ports;
    }

    private static string Port(int port) => port.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
