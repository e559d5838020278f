namespace ClusterFunctions.Functions.Hosting;

/// <summary>How to start the function app: where its files are, what to listen on, and settings that win over files.</summary>
public sealed class FunctionAppOptions
{
    public string[] Args { get; init; } = [];

    /// <summary>The folder with host.json and local.settings.json.</summary>
    public string ContentRoot { get; init; } = Directory.GetCurrentDirectory();

    /// <summary>URL to listen on; null means http://127.0.0.1:{Host:LocalHttpPort or 7071}.</summary>
    public string? Url { get; init; }

    /// <summary>Settings applied last (tests and the CLI's embedded mode).</summary>
    public IReadOnlyDictionary<string, string?> Settings { get; init; } = new Dictionary<string, string?>();

    /// <summary>Extra services (tests add an in-memory trace exporter here).</summary>
    public Action<IServiceCollection>? ConfigureServices { get; init; }

    /// <summary>Extra logging setup (tests capture logs here).</summary>
    public Action<ILoggingBuilder>? ConfigureLogging { get; init; }
}
