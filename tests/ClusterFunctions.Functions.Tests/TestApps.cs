using ClusterFunctions.Azurite;
using ClusterFunctions.Host;
using ClusterFunctions.LocalCloud;
using ClusterFunctions.Tests.Shared.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// Starts the function app as tests need it, the way <c>./cluster serve</c> runs it: LocalCloud in the test process
/// (like a real cloud, it outlives the app), the app's build output as an isolated worker under the local Functions
/// host, on an Azurite of its own in memory (the host, like <c>func start</c>, starts none), fast polling and quiet logs.
/// </summary>
public static class TestApps
{
    /// <summary>The shipped catalog, copied next to the test assembly by the project file.</summary>
    public static string Catalog => Path.Combine(AppContext.BaseDirectory, "catalog");

    /// <summary>The app's own build output: what the host runs (functions.metadata, worker.config.json, the app).</summary>
    public static string AppDirectory { get; } = FindAppDirectory();

    /// <summary>The settings every test app shares, then <paramref name="extra"/> (which wins).</summary>
    public static Dictionary<string, string?> Settings(string stateDirectory, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LocalCloud:Mode"] = "embedded",
            ["Host:StateDirectory"] = stateDirectory,
            ["TASKHUB_NAME"] = "ClusterFunctionsTests",
            ["Build:CatalogDirectory"] = Catalog,
            ["Build:InfrastructurePollInterval"] = "00:00:00.050",
            ["Build:GatePollInterval"] = "00:00:00.050",
            // Short in-activity waits, so steps that wait show what for within a second, as tests read it.
            ["Build:InfrastructureWaitPerRead"] = "00:00:01",
            ["Build:GateWaitPerCheck"] = "00:00:01",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    /// <summary>Starts LocalCloud (unless <c>LocalCloud:Mode</c> is external) and the app on it.</summary>
    public static async Task<RunningApp> StartAsync(IReadOnlyDictionary<string, string?> settings, ILoggerProvider? logs = null)
    {
        LocalCloudHost? cloud = null;
        if (!string.Equals(settings.GetValueOrDefault("LocalCloud:Mode"), "external", StringComparison.OrdinalIgnoreCase))
        {
            cloud = await LocalCloudHost.StartAsync(new LocalCloudOptions
            {
                ProvisioningTime = TimeSpan.Parse(settings.GetValueOrDefault("LocalCloud:ProvisioningTime") ?? "00:00:00", System.Globalization.CultureInfo.InvariantCulture),
                ReadinessDelay = TimeSpan.Parse(settings.GetValueOrDefault("LocalCloud:ReadinessDelay") ?? "00:00:00", System.Globalization.CultureInfo.InvariantCulture),
            });
        }

        var appSettings = settings.Where(s => s.Value is not null).ToDictionary(s => s.Key, s => s.Value!);
        foreach (var (key, value) in cloud?.HostSettings() ?? new Dictionary<string, string>())
        {
            appSettings[key] = value;
        }

        ILoggerFactory loggerFactory = LoggerFactory.Create(logging =>
        {
            logging.SetMinimumLevel(logs is null ? LogLevel.Warning : LogLevel.Trace);
            if (Environment.GetEnvironmentVariable("CLUSTERFUNCTIONS_TEST_LOGS") == "console")
            {
                // For a person debugging a test: the host's and the worker's logs on the console.
                logging.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Information);
            }

            if (logs is not null)
            {
                logging.AddProvider(logs);
            }
        });
        AzuriteServer? azurite = null;
        try
        {
            azurite = await TestAzurite.StartAsync();
            LocalFunctionsHost host = await LocalFunctionsHost.StartAsync(new LocalFunctionsHostOptions
            {
                AppDirectory = AppDirectory,
                Port = 0,
                StateDirectory = Path.Combine(settings.GetValueOrDefault("Host:StateDirectory") ?? Path.GetTempPath(), "functions-host"),
                AzureWebJobsStorage = azurite.ConnectionString,
                AppSettings = appSettings,
                LoggerFactory = loggerFactory,
            });
            return new RunningApp(host, azurite, cloud, loggerFactory);
        }
        catch
        {
            loggerFactory.Dispose();
            if (azurite is not null)
            {
                await azurite.DisposeAsync();
            }

            if (cloud is not null)
            {
                await cloud.DisposeAsync();
            }

            throw;
        }
    }

    /// <summary>A private copy of the shipped catalog in <paramref name="target"/>, for tests that change it.</summary>
    public static string CopyCatalog(string target)
    {
        foreach (var file in Directory.EnumerateFiles(Catalog, "*", SearchOption.AllDirectories))
        {
            var path = Path.Combine(target, Path.GetRelativePath(Catalog, file));
            Directory.CreateDirectory(Path.GetDirectoryName(path)!);
            File.Copy(file, path);
        }

        return target;
    }

    /// <summary>Replaces <paramref name="oldText"/> in a catalog copy's <paramref name="file"/> (relative to it), failing when
    /// the file does not have it: an edit that silently changed nothing would test the unedited catalog.</summary>
    public static void EditCatalog(string catalog, string file, string oldText, string newText)
    {
        var path = Path.Combine(catalog, file);
        var text = File.ReadAllText(path);
        if (!text.Contains(oldText, StringComparison.Ordinal))
        {
            throw new InvalidOperationException($"{file} in the catalog copy has no '{oldText}'");
        }

        File.WriteAllText(path, text.Replace(oldText, newText, StringComparison.Ordinal));
    }

    private static string FindAppDirectory()
    {
        string configuration = AppContext.BaseDirectory.Contains("/Release/", StringComparison.Ordinal) ? "Release" : "Debug";
        for (DirectoryInfo? directory = new(AppContext.BaseDirectory); directory is not null; directory = directory.Parent)
        {
            string candidate = Path.Combine(directory.FullName, "functions", "ClusterFunctions.Functions", "bin", configuration, "net10.0");
            if (File.Exists(Path.Combine(candidate, "worker.config.json")))
            {
                return candidate;
            }
        }

        throw new InvalidOperationException("the function app's build output was not found; build functions/ClusterFunctions.Functions");
    }
}
