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
builder.Build().Run();
