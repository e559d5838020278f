using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.LocalCloud.Kubernetes.Http;

/// <summary>
/// Decodes the protobuf bodies kubectl sends for access reviews (typed clients prefer protobuf for
/// built-in kinds): the "k8s\0" runtime.Unknown envelope around a (Self)SubjectAccessReview. The
/// answer goes back as JSON, which the client also accepts.
/// </summary>
internal static class AccessReviewProtobuf
{
    private static readonly byte[] Magic = [(byte)'k', (byte)'8', (byte)'s', 0];

    public static bool IsProtobuf(ReadOnlySpan<byte> body) => body.StartsWith(Magic);

    public static JsonObject Decode(ReadOnlySpan<byte> body, bool self)
    {
        var envelope = new ProtobufReader(body[Magic.Length..]);
        var review = new JsonObject();
        while (envelope.Next(out var field, out _, out var bytes))
        {
            if (field == 1)
            {
                var typeMeta = new ProtobufReader(bytes);
                while (typeMeta.Next(out var f, out _, out var value))
                {
                    review[f == 1 ? "apiVersion" : "kind"] = Encoding.UTF8.GetString(value);
                }
            }
            else if (field == 2)
            {
                var message = new ProtobufReader(bytes);
                while (message.Next(out var f, out _, out var value))
                {
                    if (f == 2)
                    {
                        review["spec"] = review["kind"]?.GetValue<string>() == "SelfSubjectRulesReview" ? RulesSpec(value) : Spec(value, self);
                    }
                }
            }
        }

        return review;
    }

    private static JsonObject Spec(ReadOnlySpan<byte> bytes, bool self)
    {
        var spec = new JsonObject();
        var groups = new JsonArray();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            switch (field)
            {
                case 1:
                    spec["resourceAttributes"] = Strings(value, ["namespace", "verb", "group", "version", "resource", "subresource", "name"]);
                    break;
                case 2:
                    spec["nonResourceAttributes"] = Strings(value, ["path", "verb"]);
                    break;
                case 3 when !self:
                    spec["user"] = Encoding.UTF8.GetString(value);
                    break;
                case 4 when !self:
                    groups.Add(Encoding.UTF8.GetString(value));
                    break;
            }
        }

        if (groups.Count > 0)
        {
            spec["groups"] = groups;
        }

        return spec;
    }

    private static JsonObject RulesSpec(ReadOnlySpan<byte> bytes)
    {
        var spec = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            if (field == 1)
            {
                spec["namespace"] = Encoding.UTF8.GetString(value);
            }
        }

        return spec;
    }

    private static JsonObject Strings(ReadOnlySpan<byte> bytes, string[] names)
    {
        var result = new JsonObject();
        var reader = new ProtobufReader(bytes);
        while (reader.Next(out var field, out _, out var value))
        {
            // Kubernetes' proto2 messages carry empty strings too (subresource ""); empty means absent.
            if (field >= 1 && field <= names.Length && value.Length > 0)
            {
                result[names[field - 1]] = Encoding.UTF8.GetString(value);
            }
        }

        return result;
    }
}
