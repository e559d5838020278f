namespace ClusterFunctions.Cli;

/// <summary>A parsed command line: the command, its <c>--name value</c> options and <c>--flag</c> switches.</summary>
public sealed class CliArguments
{
    private readonly Dictionary<string, string> options;

    private CliArguments(string command, Dictionary<string, string> options)
    {
        Command = command;
        this.options = options;
    }

    public string Command { get; }

    /// <summary>Parses <paramref name="args"/>, accepting only the options and switches the command declares.</summary>
    public static CliArguments Parse(string[] args, IReadOnlyDictionary<string, CommandSpec> commands)
    {
        if (args.Length == 0 || args[0] is "-h" or "--help" or "help")
        {
            throw new CliUsageException(null);
        }

        if (!commands.TryGetValue(args[0], out var spec))
        {
            throw new CliUsageException($"unknown command '{args[0]}'");
        }

        if (args.Skip(1).Any(a => a is "-h" or "--help"))
        {
            throw new CliHelpRequested(args[0], spec);
        }

        var options = new Dictionary<string, string>(StringComparer.Ordinal);
        for (var i = 1; i < args.Length; i++)
        {
            var arg = args[i];
            var eq = arg.IndexOf('=');
            var name = eq > 0 ? arg[..eq] : arg;
            if (spec.Switches.Contains(name))
            {
                options[name] = "true";
            }
            else if (spec.Options.Contains(name))
            {
                var value = eq > 0 ? arg[(eq + 1)..] : (i + 1 < args.Length ? args[++i] : throw new CliUsageException($"{name} needs a value"));
                options[name] = value;
            }
            else if (spec.Positional is { } positional && !arg.StartsWith('-') && !options.ContainsKey(positional))
            {
                options[positional] = arg;
            }
            else if (spec.SecondPositional is { } second && !arg.StartsWith('-') && !options.ContainsKey(second))
            {
                options[second] = arg;
            }
            else
            {
                throw new CliUsageException($"unknown option '{name}' for '{args[0]}' (options: {string.Join(", ", spec.Options.Concat(spec.Switches))})");
            }
        }

        return new CliArguments(args[0], options);
    }

    public string? Get(string name) => options.GetValueOrDefault(name);

    public bool Has(string name) => options.ContainsKey(name);

    public string Require(string name) => Get(name) ?? throw new CliUsageException($"'{Command}' needs {name}");
}
