using ClusterFunctions.Functions.Hosting;
using ClusterFunctions.Functions.Security;
using Microsoft.Azure.Functions.Worker.Builder;
using Microsoft.Extensions.Hosting;

// The isolated worker's entry point: the Functions host (Azure's, or functions/ClusterFunctions.Host locally)
// starts this process and sends it invocations; every entry point is a [Function].
FunctionsApplicationBuilder builder = FunctionsApplication.CreateBuilder(args);
builder.ConfigureFunctionsWebApplication();
builder.UseMiddleware<DurableClientScopeMiddleware>();
builder.UseMiddleware<CallerAuthenticationMiddleware>();
builder.Services.AddClusterFunctions(builder.Configuration);
builder.Services.AddClusterFunctionsSecurity(builder.Configuration);
IHost app = builder.Build();
try
{
    app.Run();
}
catch (Exception e) when (StartupSettingsErrors.Describe(e) is { Count: > 0 } problems)
{
    // One line per mistake, no stack trace: the host shows a failed start's last lines of output.
    Console.Error.WriteLine($"The app's settings are not valid ({problems.Count} problems):");
    foreach (var problem in problems)
    {
        Console.Error.WriteLine($"  {problem}");
    }

    Environment.ExitCode = 1;
}
