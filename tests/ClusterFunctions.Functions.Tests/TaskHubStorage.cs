using System.Text;
using Azure.Data.Tables;
using Azure.Storage.Blobs;

namespace ClusterFunctions.Functions.Tests;

/// <summary>
/// Everything the Durable engine stored for a task hub, read straight from its storage account (Azurite here):
/// every row of every table and every blob of every container whose name starts with the hub's name, as text.
/// </summary>
public static class TaskHubStorage
{
    public static async Task<string> DumpAsync(string connectionString, string hubName)
    {
        var text = new StringBuilder();
        var tables = new TableServiceClient(connectionString);
        int tableCount = 0;
        await foreach (var table in tables.QueryAsync())
        {
            if (!table.Name.StartsWith(hubName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            tableCount++;
            await foreach (var row in tables.GetTableClient(table.Name).QueryAsync<TableEntity>())
            {
                foreach (var (name, value) in row)
                {
                    text.Append(table.Name).Append(' ').Append(name).Append('=').AppendLine(value?.ToString());
                }
            }
        }

        var blobs = new BlobServiceClient(connectionString);
        await foreach (var container in blobs.GetBlobContainersAsync())
        {
            if (!container.Name.StartsWith(hubName, StringComparison.OrdinalIgnoreCase))
            {
                continue;
            }

            var client = blobs.GetBlobContainerClient(container.Name);
            await foreach (var blob in client.GetBlobsAsync())
            {
                var content = await client.GetBlobClient(blob.Name).DownloadContentAsync();
                text.Append(container.Name).Append('/').Append(blob.Name).Append(' ').AppendLine(content.Value.Content.ToString());
            }
        }

        return tableCount > 0 ? text.ToString() : throw new InvalidOperationException($"no table of task hub '{hubName}' in the storage account");
    }
}
