using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json.Nodes;

namespace ClusterFunctions.Bench.Hostile;

/// <summary>Hostile HTTP requests: mutated bodies on every write route, and odd headers, methods and paths.</summary>
internal sealed class HttpProbes(Uri baseAddress, string key, Mutations mutations, Random random)
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    /// <summary>Cluster names the app accepted a create for (its builds may exist; no other may).</summary>
    public HashSet<string> AcceptedNames { get; } = new(StringComparer.Ordinal);

    public async Task<Outcome> SendOneAsync(int index)
    {
        var name = $"h{index}";
        var valid = new JsonObject { ["requestId"] = $"hostile-{index}", ["clusterName"] = name, ["profile"] = "developer" };
        using var request = random.Next(4) switch
        {
            0 => Headers(name),
            1 => Approval(name),
            _ => Create(random.Next(3) == 0 ? "api/plans" : "api/clusters", mutations.Body(valid)),
        };
        using var client = new HttpClient { BaseAddress = baseAddress, Timeout = Deadline };
        try
        {
            using var response = await client.SendAsync(request);
            var body = await response.Content.ReadAsStringAsync();
            return Classify(request, response, body);
        }
        catch (TaskCanceledException)
        {
            return Outcome.Hang;
        }
        catch (HttpRequestException)
        {
            // The connection was dropped without an answer.
            return Outcome.ServerError;
        }
    }

    private HttpRequestMessage Create(string path, byte[] body)
    {
        var request = Keyed(HttpMethod.Post, path);
        request.Content = new ByteArrayContent(body);
        request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(mutations.Pick("application/json", "application/json", "text/plain", "application/xml", "application/json; charset=latin1"));
        return request;
    }

    private HttpRequestMessage Approval(string name)
    {
        var valid = new JsonObject { ["approved"] = true, ["comment"] = "ok" };
        var request = Keyed(HttpMethod.Post, $"api/clusters/{Uri.EscapeDataString(mutations.Pick(name, "", "x/../../admin", new string('a', 300), "名前"))}/approve");
        request.Content = new ByteArrayContent(mutations.Body(valid));
        request.Content.Headers.ContentType = new MediaTypeHeaderValue("application/json");
        return request;
    }

    private HttpRequestMessage Headers(string name)
    {
        var method = new HttpMethod(mutations.Pick("GET", "PUT", "PATCH", "DELETE", "POST", "OPTIONS"));
        var path = mutations.Pick("api/clusters", $"api/clusters/{name}", "api/clusters/%00", "api/clusters/..%2F..%2Fadmin", "api/profiles",
            "runtime/webhooks/durabletask/instances", "admin/host/status", $"api/clusters/{new string('n', 5000)}", "api/schema");
        var request = new HttpRequestMessage(method, path);
        switch (random.Next(5))
        {
            case 0:
                break; // no key at all
            case 1:
                request.Headers.TryAddWithoutValidation("x-functions-key", key + "x");
                break;
            case 2:
                request.Headers.TryAddWithoutValidation("x-functions-key", new string('k', 32_000));
                break;
            case 3:
                request.Headers.TryAddWithoutValidation("x-functions-key", [key, "other"]);
                break;
            default:
                request.Headers.TryAddWithoutValidation("x-functions-key", key);
                request.Headers.TryAddWithoutValidation("Authorization", "Bearer " + mutations.Pick("e30.e30.", "not-a-jwt", new string('a', 8000)));
                break;
        }

        if (method != HttpMethod.Get && method != HttpMethod.Options)
        {
            request.Content = new ByteArrayContent(Encoding.UTF8.GetBytes("{}"));
        }

        return request;
    }

    private HttpRequestMessage Keyed(HttpMethod method, string path)
    {
        var request = new HttpRequestMessage(method, path);
        request.Headers.TryAddWithoutValidation("x-functions-key", key);
        return request;
    }

    private Outcome Classify(HttpRequestMessage request, HttpResponseMessage response, string body)
    {
        var status = (int)response.StatusCode;
        if (status >= 500)
        {
            return Outcome.ServerError;
        }

        if (status < 400)
        {
            // (After sending, the request's URI is absolute.)
            if (request.RequestUri?.AbsolutePath == "/api/clusters" && request.Method == HttpMethod.Post && response.Headers.Location is { } location)
            {
                lock (AcceptedNames)
                {
                    AcceptedNames.Add(location.OriginalString.Split('/').Last());
                }
            }

            return Outcome.Accepted;
        }

        // A refusal must say why (or, for 401/404/405 with no body, be the status alone) and never show code.
        var clear = !body.Contains("   at ", StringComparison.Ordinal) && (body.Length == 0 || NamesTheProblem(body));
        return clear ? Outcome.ClearRefusal : Outcome.UnclearRefusal;
    }

    private static bool NamesTheProblem(string body)
    {
        try
        {
            return JsonNode.Parse(body) is JsonObject json && (json["error"] is not null || json["errors"] is not null || json["title"] is not null);
        }
        catch (System.Text.Json.JsonException)
        {
            return false;
        }
    }
}
