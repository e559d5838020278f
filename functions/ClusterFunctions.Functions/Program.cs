using ClusterFunctions.Functions.Hosting;

// The function app's own process (what `dotnet publish` ships). The CLI starts the same app in-process.
await using var app = await FunctionApp.StartAsync(new FunctionAppOptions { Args = args, ContentRoot = AppContext.BaseDirectory });
Console.WriteLine($"ClusterFunctions listening on {app.BaseAddress}");
await app.WaitForShutdownAsync();
