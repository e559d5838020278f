using ClusterFunctions.Cli.Commands;

namespace ClusterFunctions.Cli;

/// <summary>Dispatches <c>./cluster COMMAND</c> to its command and turns usage mistakes into one-line errors.</summary>
public static class CliApp
{
    private static readonly ICliCommand[] Commands =
    [
        new CreateCommand(), new ApproveCommand(), new StatusCommand(), new ListCommand(), new DeleteCommand(), new PlanCommand(), new ProfilesCommand(),
        new ValidateCommand(), new ServeCommand(), new EmulateCommand(), new EventsCommand(),
    ];

    public static async Task<int> RunAsync(string[] args, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        var byName = Commands.ToDictionary(c => Name(c), c => c.Spec, StringComparer.Ordinal);
        try
        {
            var arguments = CliArguments.Parse(args, byName);
            var command = Commands.Single(c => Name(c) == arguments.Command);
            return await command.RunAsync(arguments, output, error, cancellationToken);
        }
        catch (CliUsageException e)
        {
            if (e.Message != "usage")
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine("usage: ./cluster COMMAND [options]");
            foreach (var command in Commands)
            {
                error.WriteLine($"  {Name(command),-10} {command.Spec.Summary}");
            }

            return e.Message == "usage" ? 0 : 2;
        }
    }

    private static string Name(ICliCommand command) => command.GetType().Name.Replace("Command", "", StringComparison.Ordinal).ToLowerInvariant();
}
