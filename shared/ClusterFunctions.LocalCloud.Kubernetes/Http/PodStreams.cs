using System.Net.WebSockets;
using System.Text;
using System.Text.Json.Nodes;
using Microsoft.AspNetCore.Http;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// <c>pods/log</c> and <c>pods/exec</c> for simulated pods. No container runs in LocalCloud, so both answer with a
/// clear statement of that instead of a 404: the log is one line naming the pod, container and image, and exec
/// (over the WebSocket protocol kubectl uses since 1.30, <c>v5.channel.k8s.io</c>) writes the reason to stderr and
/// ends with exit code 126, "command cannot execute", so a script never mistakes it for a command that ran.
/// </summary>
internal sealed class PodStreams(ObjectReader reader)
{
    /// <summary>The exit code exec reports: POSIX's "found but cannot execute".</summary>
    public const int NotExecutedExitCode = 126;

    private const string ChannelProtocol = "v5.channel.k8s.io";
    private const byte Stderr = 2;
    private const byte ErrorChannel = 3;

    public static bool Serves(ResourcePath path) => path.Type.Plural == "pods" && path.Name is not null && path.Subresource is "log" or "exec";

    /// <summary>The verb RBAC checks: reading a log is get, running a command is create (also when it arrives as a GET upgrade).</summary>
    public static string Verb(ResourcePath path) => path.Subresource == "log" ? "get" : "create";

    public async Task HandleAsync(ResourcePath path, HttpContext context, CancellationToken cancellationToken)
    {
        var pod = reader.Get(path with { Subresource = null });
        var container = Container(pod, context.Request.Query["container"].ToString(), path);
        var image = container["image"]?.GetValue<string>() ?? "";
        var containerName = container["name"]!.GetValue<string>();
        if (path.Subresource == "log")
        {
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(
                $"LocalCloud simulates pod {path.Namespace}/{path.Name} (container {containerName}, image {image}): no container runs, so there is no output to show.\n",
                cancellationToken);
            return;
        }

        if (!context.WebSockets.IsWebSocketRequest || !context.WebSockets.WebSocketRequestedProtocols.Contains(ChannelProtocol))
        {
            throw StatusErrors.BadRequest($"LocalCloud serves exec over WebSocket ({ChannelProtocol}), as kubectl 1.30 and later use it; SPDY is not served");
        }

        var command = string.Join(' ', context.Request.Query["command"].ToArray());
        using var socket = await context.WebSockets.AcceptWebSocketAsync(ChannelProtocol);
        await SendAsync(socket, Stderr, Encoding.UTF8.GetBytes(
            $"LocalCloud simulates pod {path.Namespace}/{path.Name} (container {containerName}, image {image}): no container runs, so '{command}' was not executed.\n"), cancellationToken);
        var status = StatusErrors.Status(500, "NonZeroExitCode", $"command terminated with non-zero exit code: {NotExecutedExitCode}",
            new JsonObject { ["causes"] = new JsonArray(new JsonObject { ["reason"] = "ExitCode", ["message"] = NotExecutedExitCode.ToString(System.Globalization.CultureInfo.InvariantCulture) }) });
        await SendAsync(socket, ErrorChannel, Encoding.UTF8.GetBytes(status.ToJsonString()), cancellationToken);
        await socket.CloseAsync(WebSocketCloseStatus.NormalClosure, null, cancellationToken);
    }

    /// <summary>The container asked for, or the pod's only one; kube-apiserver's 400 wording otherwise.</summary>
    private static JsonNode Container(JsonObject pod, string requested, ResourcePath path)
    {
        var containers = pod["spec"]?["containers"]?.AsArray().Where(c => c is not null).ToList() ?? [];
        if (requested.Length > 0)
        {
            return containers.FirstOrDefault(c => c!["name"]?.GetValue<string>() == requested)
                ?? throw StatusErrors.BadRequest($"container {requested} is not valid for pod {path.Name}");
        }

        return containers.Count == 1
            ? containers[0]!
            : throw StatusErrors.BadRequest($"a container name must be specified for pod {path.Name}, choose one of: [{string.Join(" ", containers.Select(c => c!["name"]))}]");
    }

    private static Task SendAsync(WebSocket socket, byte channel, byte[] payload, CancellationToken cancellationToken)
    {
        var frame = new byte[payload.Length + 1];
        frame[0] = channel;
        payload.CopyTo(frame, 1);
        return socket.SendAsync(frame, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
    }
}
