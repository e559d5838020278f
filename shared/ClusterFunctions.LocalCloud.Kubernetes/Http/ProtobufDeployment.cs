using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// The apps/v1 DeploymentSpec fields <c>kubectl create deployment NAME --image=I [--replicas=N] [--port=P]</c> sends
/// as protobuf (field numbers of k8s.io/api's generated.proto): replicas, selector, and a Pod template whose
/// containers carry name, image, command, args, working directory, ports, env and pull policy.
/// </summary>
internal static class ProtobufDeployment
{
    public static JsonObject Spec(ReadOnlySpan<byte> bytes)
    {
        var spec = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out var number, out var value))
        {
            switch (field)
            {
                case 1:
                    spec["replicas"] = (int)number;
                    break;
                case 2:
                    spec["selector"] = Selector(value);
                    break;
                case 3:
                    spec["template"] = Template(value);
                    break;
            }
        }

        return spec;
    }

    private static JsonObject Selector(ReadOnlySpan<byte> bytes)
    {
        var selector = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            if (field == 1)
            {
                ProtobufObjects.AddEntry(selector, "matchLabels", value, base64: false);
            }
        }

        return selector;
    }

    private static JsonObject Template(ReadOnlySpan<byte> bytes)
    {
        var template = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            if (field == 1)
            {
                template["metadata"] = ProtobufObjects.Metadata(value);
            }
            else if (field == 2)
            {
                template["spec"] = PodSpec(value);
            }
        }

        return template;
    }

    private static JsonObject PodSpec(ReadOnlySpan<byte> bytes)
    {
        var spec = new JsonObject { ["containers"] = new JsonArray() };
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            if (field == 2)
            {
                spec["containers"]!.AsArray().Add(Container(value));
            }
        }

        return spec;
    }

    private static JsonObject Container(ReadOnlySpan<byte> bytes)
    {
        var container = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            switch (field)
            {
                case 1:
                    container["name"] = ProtobufObjects.Text(value);
                    break;
                case 2:
                    container["image"] = ProtobufObjects.Text(value);
                    break;
                case 3 or 4:
                    ProtobufObjects.Append(container, field == 3 ? "command" : "args", JsonValue.Create(ProtobufObjects.Text(value)));
                    break;
                case 5:
                    container["workingDir"] = ProtobufObjects.Text(value);
                    break;
                case 6:
                    ProtobufObjects.Append(container, "ports", Port(value));
                    break;
                case 7:
                    ProtobufObjects.Append(container, "env", Env(value));
                    break;
                case 8:
                    container["resources"] = new JsonObject();
                    break;
                case 14:
                    container["imagePullPolicy"] = ProtobufObjects.Text(value);
                    break;
            }
        }

        return container;
    }

    private static JsonObject Port(ReadOnlySpan<byte> bytes)
    {
        var port = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out var number, out var value))
        {
            switch (field)
            {
                case 1:
                    port["name"] = ProtobufObjects.Text(value);
                    break;
                case 3:
                    port["containerPort"] = (int)number;
                    break;
                case 4:
                    port["protocol"] = ProtobufObjects.Text(value);
                    break;
            }
        }

        return port;
    }

    private static JsonObject Env(ReadOnlySpan<byte> bytes)
    {
        var env = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            if (field is 1 or 2)
            {
                env[field == 1 ? "name" : "value"] = ProtobufObjects.Text(value);
            }
        }

        return env;
    }
}
