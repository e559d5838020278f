using System.Reflection;
using Google.Protobuf;
using Google.Protobuf.Reflection;

// Usage: ProtocolExport <output.pb>
// Collects every file descriptor the worker's gRPC assembly embeds (its generated *Reflection classes are
// internal, their Descriptor properties are not hidden from reflection) with all their imports, and writes
// them as one FileDescriptorSet in dependency order, the form protoc's --descriptor_set_in reads.
if (args.Length != 1)
{
    Console.Error.WriteLine("usage: ClusterFunctions.Host.ProtocolExport <output.pb>");
    return 2;
}

Assembly workerGrpc = Assembly.Load(new AssemblyName("Microsoft.Azure.Functions.Worker.Grpc"));
var roots = workerGrpc.GetTypes()
    .Where(t => t.Name.EndsWith("Reflection", StringComparison.Ordinal))
    .Select(t => t.GetProperty("Descriptor", BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Static))
    .Where(p => p?.PropertyType == typeof(FileDescriptor))
    .Select(p => (FileDescriptor)p!.GetValue(null)!)
    .ToList();
if (!roots.Any(f => f.Services.Any(s => s.Name == "FunctionRpc")))
{
    Console.Error.WriteLine($"{workerGrpc.GetName().Name} embeds no FunctionRpc service; the worker package changed shape.");
    return 1;
}

var ordered = new List<FileDescriptor>();
var seen = new HashSet<string>(StringComparer.Ordinal);
void Visit(FileDescriptor file)
{
    if (!seen.Add(file.Name))
    {
        return;
    }

    foreach (FileDescriptor dependency in file.Dependencies)
    {
        Visit(dependency);
    }

    ordered.Add(file);
}

foreach (FileDescriptor root in roots.OrderBy(f => f.Name, StringComparer.Ordinal))
{
    Visit(root);
}

var set = new FileDescriptorSet();
set.File.AddRange(ordered.Select(f => FileDescriptorProto.Parser.ParseFrom(f.SerializedData)));
string output = Path.GetFullPath(args[0]);
Directory.CreateDirectory(Path.GetDirectoryName(output)!);
File.WriteAllBytes(output, set.ToByteArray());
Console.WriteLine(string.Join(Environment.NewLine, ordered.Select(f => f.Name)));
return 0;
