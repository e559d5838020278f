using System.Text.RegularExpressions;

namespace ClusterFunctions.Cli.Tests;

/// <summary>Every command's --help explains every option it takes: an option without a description is a flag nobody can guess.</summary>
public class HelpTests
{
    [Fact]
    public async Task Help_OfEveryCommand_DescribesEveryOption()
    {
        var overview = await CliRun.RunAsync("--help");
        var commands = Regex.Matches(overview.Output + overview.Error, @"^  (\w+)\s", RegexOptions.Multiline).Select(m => m.Groups[1].Value).ToList();
        var undescribed = new List<string>();
        foreach (var command in commands)
        {
            var help = await CliRun.RunAsync(command, "--help");
            undescribed.AddRange(Regex.Matches(help.Output + help.Error, @"^  (--[\w-]+)( VALUE)?\s*$", RegexOptions.Multiline).Select(m => $"{command} {m.Groups[1].Value}"));
        }

        Assert.True(commands.Count >= 14, $"the overview listed {commands.Count} commands");
        Assert.Empty(undescribed);
    }
}
