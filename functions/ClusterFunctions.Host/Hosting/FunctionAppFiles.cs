using System.Text.Json;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Host.Hosting;

/// <summary>
/// What the host reads from the app directory: host.json (flattened to configuration keys, as the Functions host
/// does), the <c>Values</c> of local.settings.json, and worker.config.json's worker path.
/// </summary>
public sealed class FunctionAppFiles
{
    private static readonly JsonDocumentOptions Lenient = new() { AllowTrailingCommas = true, CommentHandling = JsonCommentHandling.Skip };

    private FunctionAppFiles(string directory, IReadOnlyDictionary<string, string?> hostJson,
        IReadOnlyDictionary<string, string> localValues, string workerExecutable, string workerPath)
    {
        Directory = directory;
        HostJson = hostJson;
        LocalSettingsValues = localValues;
        WorkerExecutable = workerExecutable;
        WorkerPath = workerPath;
    }

    /// <summary>The app directory, absolute.</summary>
    public string Directory { get; }

    /// <summary>host.json as configuration keys (<c>extensions:durableTask:hubName</c>, ...).</summary>
    public IReadOnlyDictionary<string, string?> HostJson { get; }

    /// <summary>local.settings.json <c>Values</c>.</summary>
    public IReadOnlyDictionary<string, string> LocalSettingsValues { get; }

    /// <summary>The program that runs the worker (<c>dotnet</c>).</summary>
    public string WorkerExecutable { get; }

    /// <summary>The worker's entry assembly, relative to the app directory.</summary>
    public string WorkerPath { get; }

    /// <summary>The HTTP route prefix: host.json <c>extensions.http.routePrefix</c>, "api" when absent.</summary>
    public string RoutePrefix =>
        HostJson.TryGetValue("extensions:http:routePrefix", out string? prefix) && prefix is not null ? prefix.Trim('/') : "api";

    /// <summary>Reads the app directory, failing with a message that names the file and the rule broken.</summary>
    public static FunctionAppFiles Read(string appDirectory)
    {
        string directory = Path.GetFullPath(appDirectory);
        if (!System.IO.Directory.Exists(directory))
        {
            throw new HostConfigurationException($"--app-dir: directory '{directory}' does not exist.");
        }

        string hostJsonPath = Path.Combine(directory, "host.json");
        if (!File.Exists(hostJsonPath))
        {
            throw new HostConfigurationException($"--app-dir: '{directory}' has no host.json; point it at the function app's build or publish output.");
        }

        JsonNode? hostJson = ParseFile(hostJsonPath);
        string? version = hostJson?["version"]?.GetValue<string>();
        if (version != "2.0")
        {
            throw new HostConfigurationException($"host.json: \"version\" must be \"2.0\" (found {(version is null ? "none" : $"\"{version}\"")}).");
        }

        var flat = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase);
        Flatten(hostJson, prefix: null, flat);

        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        string localSettingsPath = Path.Combine(directory, "local.settings.json");
        if (File.Exists(localSettingsPath))
        {
            JsonNode? localSettings = ParseFile(localSettingsPath);
            if (localSettings?["Values"] is JsonObject valueObject)
            {
                foreach ((string key, JsonNode? value) in valueObject)
                {
                    if (value is JsonValue scalar)
                    {
                        values[key] = scalar.GetValueKind() == JsonValueKind.String ? scalar.GetValue<string>() : scalar.ToJsonString();
                    }
                    else if (value is not null)
                    {
                        throw new HostConfigurationException($"local.settings.json: Values.{key} must be a string, number or boolean.");
                    }
                }
            }
        }

        string executable = "dotnet";
        string? workerPath = null;
        string workerConfigPath = Path.Combine(directory, "worker.config.json");
        if (File.Exists(workerConfigPath))
        {
            JsonNode? description = ParseFile(workerConfigPath)?["description"];
            executable = description?["defaultExecutablePath"]?.GetValue<string>() ?? executable;
            workerPath = description?["defaultWorkerPath"]?.GetValue<string>();
        }

        workerPath ??= System.IO.Directory.GetFiles(directory, "*.runtimeconfig.json")
            .Select(f => Path.GetFileName(f)[..^".runtimeconfig.json".Length] + ".dll")
            .FirstOrDefault(f => File.Exists(Path.Combine(directory, f)));
        if (workerPath is null || !File.Exists(Path.Combine(directory, workerPath)))
        {
            throw new HostConfigurationException(
                $"--app-dir: '{directory}' has no worker.config.json naming the worker assembly; is it an isolated-worker app's output?");
        }

        return new FunctionAppFiles(directory, flat, values, executable, workerPath);
    }

    private static JsonNode? ParseFile(string path)
    {
        try
        {
            return JsonNode.Parse(File.ReadAllText(path), documentOptions: Lenient);
        }
        catch (JsonException e)
        {
            throw new HostConfigurationException($"{Path.GetFileName(path)}: not valid JSON ({e.Message}).");
        }
    }

    // Configuration keys as Microsoft.Extensions.Configuration's JSON provider makes them: objects nest with ':',
    // arrays by index, scalars as their text (so "00:01:00" stays a TimeSpan string and 4 stays "4").
    private static void Flatten(JsonNode? node, string? prefix, Dictionary<string, string?> into)
    {
        switch (node)
        {
            case JsonObject obj:
                foreach ((string key, JsonNode? child) in obj)
                {
                    Flatten(child, prefix is null ? key : $"{prefix}:{key}", into);
                }

                break;
            case JsonArray array:
                for (int i = 0; i < array.Count; i++)
                {
                    Flatten(array[i], $"{prefix}:{i}", into);
                }

                break;
            case JsonValue value when prefix is not null:
                into[prefix] = value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : value.ToJsonString();
                break;
            case null when prefix is not null:
                into[prefix] = null;
                break;
        }
    }
}
