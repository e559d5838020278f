using ClusterFunctions.Functions.Hosting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ClusterFunctions.Functions.Tests;

/// <summary>Starts the function app as tests need it: embedded LocalCloud, private SQLite state, fast polling, quiet logs.</summary>
public static class TestApps
{
    /// <summary>The shipped catalog, copied next to the test assembly by the project file.</summary>
    public static string Catalog => Path.Combine(AppContext.BaseDirectory, "catalog");

    /// <summary>The settings every test app shares, then <paramref name="extra"/> (which wins).</summary>
    public static Dictionary<string, string?> Settings(string stateDirectory, IEnumerable<KeyValuePair<string, string?>> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["LocalCloud:Mode"] = "embedded",
            ["DurableTask:DatabasePath"] = Path.Combine(stateDirectory, "durable.db"),
            ["Build:CatalogDirectory"] = Catalog,
            ["Build:InfrastructurePollInterval"] = "00:00:00.050",
            ["Build:GatePollInterval"] = "00:00:00.050",
            ["Logging:LogLevel:Default"] = "Warning",
        };
        foreach (var (key, value) in extra)
        {
            settings[key] = value;
        }

        return settings;
    }

    public static Task<FunctionApp> StartAsync(IReadOnlyDictionary<string, string?> settings, Action<IServiceCollection>? services = null, Action<ILoggingBuilder>? logging = null) =>
        FunctionApp.StartAsync(new FunctionAppOptions
        {
            ContentRoot = AppContext.BaseDirectory,
            Url = "http://127.0.0.1:0",
            Settings = settings,
            ConfigureServices = services,
            ConfigureLogging = logging,
        });

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
}
