using ClusterFunctions.Core.Requests;

namespace ClusterFunctions.Cli.Commands;

/// <summary><c>./cluster schema</c>: the JSON Schema of a create request, as <c>/api/schema</c> serves it.</summary>
public sealed class SchemaCommand : ICliCommand
{
    public CommandSpec Spec { get; } = new("print the JSON Schema of a create request (HTTP body or queue message)", [], []);

    public Task<int> RunAsync(CliArguments arguments, TextWriter output, TextWriter error, CancellationToken cancellationToken = default)
    {
        output.WriteLine(ClusterRequestSchema.Build().ToJsonString(new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));
        return Task.FromResult(0);
    }
}
