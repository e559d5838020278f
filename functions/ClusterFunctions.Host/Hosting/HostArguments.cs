using System.Globalization;

namespace ClusterFunctions.Host.Hosting;

/// <summary>The host's command line, read strictly: an unknown or malformed option is an error naming it.</summary>
internal sealed record HostArguments(LocalFunctionsHostOptions? Options, string? Error)
{
    public const string Usage = "usage: ClusterFunctions.Host --app-dir DIR [--port 7071] [--state DIR] [--storage CONNECTION]";

    public static HostArguments Parse(IReadOnlyList<string> args)
    {
        string? appDirectory = null, state = null, storage = null;
        int port = 7071;
        for (int i = 0; i < args.Count; i++)
        {
            string name = args[i];
            if (i + 1 >= args.Count)
            {
                return new(null, $"{name} needs a value");
            }

            string value = args[++i];
            switch (name)
            {
                case "--app-dir": appDirectory = value; break;
                case "--state": state = value; break;
                case "--storage": storage = value; break;
                case "--port" when int.TryParse(value, NumberStyles.None, CultureInfo.InvariantCulture, out int p) && p is >= 0 and <= 65535:
                    port = p;
                    break;
                case "--port": return new(null, $"--port must be a number from 0 to 65535 (got '{value}')");
                default: return new(null, $"unknown option '{name}'");
            }
        }

        return appDirectory is null
            ? new(null, "--app-dir is required")
            : new(new LocalFunctionsHostOptions { AppDirectory = appDirectory, Port = port, StateDirectory = state, AzureWebJobsStorage = storage }, null);
    }
}
