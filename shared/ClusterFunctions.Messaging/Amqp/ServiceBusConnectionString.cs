namespace ClusterFunctions.Messaging.Amqp;

/// <summary>The parts of a Service Bus connection string (<c>Endpoint=sb://...;SharedAccessKeyName=...;SharedAccessKey=...</c>).</summary>
public sealed record ServiceBusConnectionString(Uri Endpoint, string KeyName, string Key, bool UseDevelopmentEmulator)
{
    /// <summary>Parses a connection string; errors name the missing or malformed field.</summary>
    public static ServiceBusConnectionString Parse(string connectionString)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var fields = connectionString
            .Split(';', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(part => part.Split('=', 2))
            .Where(pair => pair.Length == 2)
            .ToDictionary(pair => pair[0], pair => pair[1], StringComparer.OrdinalIgnoreCase);
        if (!fields.TryGetValue("Endpoint", out var endpoint) || !Uri.TryCreate(endpoint, UriKind.Absolute, out var uri))
        {
            throw new FormatException("Endpoint: must be an absolute URI such as sb://namespace.servicebus.windows.net");
        }

        if (!fields.TryGetValue("SharedAccessKeyName", out var keyName) || keyName.Length == 0)
        {
            throw new FormatException("SharedAccessKeyName: is required");
        }

        if (!fields.TryGetValue("SharedAccessKey", out var key) || key.Length == 0)
        {
            throw new FormatException("SharedAccessKey: is required");
        }

        var emulator = fields.TryGetValue("UseDevelopmentEmulator", out var flag) && bool.TryParse(flag, out var value) && value;
        return new ServiceBusConnectionString(uri, keyName, key, emulator);
    }

    /// <summary>The AMQP address: plain AMQP on the given port for the emulator, AMQPS on 5671 otherwise.</summary>
    public Uri AmqpEndpoint => UseDevelopmentEmulator
        ? new Uri($"amqp://{Endpoint.Host}:{(Endpoint.IsDefaultPort || Endpoint.Port <= 0 ? 5672 : Endpoint.Port)}")
        : new Uri($"amqps://{Endpoint.Host}:5671");
}
