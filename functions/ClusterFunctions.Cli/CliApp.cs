using ClusterFunctions.Cli.Commands;

namespace ClusterFunctions.Cli;

/// <summary>
/// Dispatches <c>./cluster COMMAND</c> to its command. Every way a command can end is turned into
/// one line and an exit code here: usage mistakes exit 2, failures the user can act on exit 1,
/// Ctrl+C exits 130; no user error prints a stack trace.
/// </summary>
public static class CliApp
{
    /// <summary>The conventional exit code of a command stopped by SIGINT (128 + 2).</summary>
    public const int InterruptedExitCode = 130;

    private static readonly ICliCommand[] Commands =
    [
        new CreateCommand(), new ApproveCommand(), new StatusCommand(), new DescribeCommand(), new KubeconfigCommand(), new ListCommand(), new DeleteCommand(), new CancelCommand(), new ExtendCommand(), new UpgradeCommand(), new PlanCommand(), new ProfilesCommand(),
        new ValidateCommand(), new SchemaCommand(), new ServeCommand(), new EmulateCommand(), new EventsCommand(),
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
        catch (CliHelpRequested help)
        {
            output.Write(OptionHelp.For(help.Command, help.Spec));
            return 0;
        }
        catch (CliUsageException e)
        {
            if (e.Message != "usage")
            {
                error.WriteLine($"error: {e.Message}");
            }

            error.WriteLine("usage: ./cluster COMMAND [options]   (./cluster COMMAND --help lists a command's options)");
            foreach (var command in Commands)
            {
                error.WriteLine($"  {Name(command),-10} {command.Spec.Summary}");
            }

            return e.Message == "usage" ? 0 : 2;
        }
        catch (CliFailureException e)
        {
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            error.WriteLine("interrupted");
            return InterruptedExitCode;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Text.Json.JsonException or InvalidOperationException or TimeoutException)
        {
            // Environmental failures (a file not readable, a port taken, a reply that is not JSON): the
            // message says what; a stack trace would only bury it.
            error.WriteLine($"error: {e.Message}");
            return 1;
        }
    }

    private static string Name(ICliCommand command) => command.GetType().Name.Replace("Command", "", StringComparison.Ordinal).ToLowerInvariant();
}
