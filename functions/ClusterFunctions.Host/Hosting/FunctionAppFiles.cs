using Microsoft.Extensions.Configuration;

namespace ClusterFunctions.Host.Hosting;

/// <summary>
/// What the host reads from the app directory: host.json (as configuration keys, as the Functions host reads it),
/// the <c>Values</c> of local.settings.json, and worker.config.json's worker.
/// </summary>
public sealed class FunctionAppFiles
{
    private FunctionAppFiles(string directory, IConfiguration hostJson, IReadOnlyDictionary<string, string> localValues,
        string workerExecutable, string workerPath)
    {
        Directory = directory;
        HostJson = hostJson;
        LocalSettingsValues = localValues;
        WorkerExecutable = workerExecutable;
        WorkerPath = workerPath;
    }

    /// <summary>The app directory, absolute.</summary>
    public string Directory { get; }

    /// <summary>host.json as configuration (<c>extensions:durableTask:hubName</c>, ...).</summary>
    public IConfiguration HostJson { get; }

    /// <summary>local.settings.json <c>Values</c>.</summary>
    public IReadOnlyDictionary<string, string> LocalSettingsValues { get; }

    /// <summary>The program that runs the worker (<c>dotnet</c>).</summary>
    public string WorkerExecutable { get; }

    /// <summary>The worker's entry assembly, relative to the app directory.</summary>
    public string WorkerPath { get; }

    /// <summary>The HTTP route prefix: host.json <c>extensions.http.routePrefix</c>, "api" when absent.</summary>
    public string RoutePrefix => HostJson["extensions:http:routePrefix"]?.Trim('/') ?? "api";

    /// <summary>Reads the app directory, failing with a message that names the file and the rule broken.</summary>
    public static FunctionAppFiles Read(string appDirectory)
    {
        string directory = Path.GetFullPath(appDirectory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new HostConfigurationException($"--app-dir: directory '{directory}' does not exist.");
        }

        IConfiguration hostJson = Load(directory, "host.json")
            ?? throw new HostConfigurationException($"--app-dir: '{directory}' has no host.json; point it at the function app's build or publish output.");
        if (hostJson["version"] is not "2.0")
        {
            throw new HostConfigurationException($"host.json: \"version\" must be \"2.0\" (found {(hostJson["version"] is { } v ? $"\"{v}\"" : "none")}).");
        }

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        foreach (IConfigurationSection value in Load(directory, "local.settings.json")?.GetSection("Values").GetChildren() ?? [])
        {
            values[value.Key] = value.Value
                ?? throw new HostConfigurationException($"local.settings.json: Values.{value.Key} must be a string, number or boolean.");
        }

        // Written by the Worker SDK into every isolated app's output; the Functions host starts the worker from it too.
        IConfiguration worker = Load(directory, "worker.config.json")
            ?? throw new HostConfigurationException($"--app-dir: '{directory}' has no worker.config.json; is it an isolated-worker app's output?");
        string workerPath = worker["description:defaultWorkerPath"] is { Length: > 0 } path && File.Exists(Path.Combine(directory, path))
            ? path
            : throw new HostConfigurationException($"worker.config.json: description.defaultWorkerPath must name the worker assembly in '{directory}'.");
        return new FunctionAppFiles(directory, hostJson, values, worker["description:defaultExecutablePath"] ?? "dotnet", workerPath);
    }

    // Microsoft.Extensions.Configuration's JSON provider, as the Functions host reads these files: comments and
    // trailing commas allowed, objects nested with ':', arrays by index, scalars as their text.
    private static IConfiguration? Load(string directory, string fileName)
    {
        string path = Path.Combine(directory, fileName);
        if (!File.Exists(path))
        {
            return null;
        }

        try
        {
            using FileStream stream = File.OpenRead(path);
            return new ConfigurationBuilder().AddJsonStream(stream).Build();
        }
        catch (Exception e) when (e is FormatException or InvalidDataException)
        {
            throw new HostConfigurationException($"{fileName}: not valid JSON ({e.Message}).");
        }
    }
}
