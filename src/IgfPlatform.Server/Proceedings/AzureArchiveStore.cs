using System.Runtime.CompilerServices;
using System.Text.Json;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Grains.Proceedings;
using IgfPlatform.Server.Hosting;

namespace IgfPlatform.Server.Proceedings;

/// <summary>
/// Published versions as blobs (<c>{sessionId}/v{n}.json</c>, the canonical bytes as served) in the
/// service's archive container; the catalog in Azure Table <c>IgfArchive</c>, one entity per session
/// in the service's partition. A removal is kept as a marked entity so that every server's index sees it.
/// </summary>
public sealed class AzureArchiveStore : IArchiveStore
{
    public const string TableName = "IgfArchive";

    // Text kept as is (not \u-escaped): a string property holds at most 32K UTF-16 characters, so the
    // long texts (each bounded by ProceedingsLimits) are properties of their own.
    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };
    private readonly BlobContainerClient _container;
    private readonly TableClient _table;
    private readonly string _partition;
    private readonly Lazy<Task> _created;

    public AzureArchiveStore(BlobServiceClient blobs, TableServiceClient tables, string serviceId)
    {
        _container = blobs.GetBlobContainerClient(ContainerOf(serviceId));
        _table = tables.GetTableClient(TableName);
        _partition = serviceId;
        _created = new Lazy<Task>(() => Task.WhenAll(_container.CreateIfNotExistsAsync(), _table.CreateIfNotExistsAsync()));
    }

    /// <summary>The archive's container: the service's grain container name with <c>-archive</c>.</summary>
    public static string ContainerOf(string serviceId)
    {
        var name = OrleansHosting.BlobContainerOf(serviceId);
        return (name.Length > 55 ? name[..55].TrimEnd('-') : name) + "-archive";
    }

    public async Task WriteVersion(string sessionId, int version, ReadOnlyMemory<byte> bytes, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        await Blob(sessionId, version).UploadAsync(
            BinaryData.FromBytes(bytes),
            new BlobUploadOptions { HttpHeaders = new BlobHttpHeaders { ContentType = "application/json; charset=utf-8" } },
            cancellationToken);
    }

    public async Task<byte[]?> ReadVersion(string sessionId, int version, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        try
        {
            var result = await Blob(sessionId, version).DownloadContentAsync(cancellationToken);
            return result.Value.Content.ToArray();
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            return null;
        }
    }

    public async Task DeleteVersion(string sessionId, int version, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        await Blob(sessionId, version).DeleteIfExistsAsync(cancellationToken: cancellationToken);
    }

    public async Task UpsertEntry(ArchiveEntry entry, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var entity = new TableEntity(_partition, entry.SessionId)
        {
            ["Entry"] = JsonSerializer.Serialize(entry with { Summary = string.Empty, Takeaways = [], CallsToAction = [] }, Json),
            ["Summary"] = entry.Summary,
            ["Takeaways"] = JsonSerializer.Serialize(entry.Takeaways, Json),
            ["CallsToAction"] = JsonSerializer.Serialize(entry.CallsToAction, Json),
            ["Removed"] = false,
        };
        await _table.UpsertEntityAsync(entity, TableUpdateMode.Replace, cancellationToken);
    }

    public async Task RemoveEntry(string sessionId, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        await _table.UpsertEntityAsync(new TableEntity(_partition, sessionId) { ["Removed"] = true }, TableUpdateMode.Replace, cancellationToken);
    }

    public async IAsyncEnumerable<ArchiveChange> ReadChanges(DateTimeOffset? since, [EnumeratorCancellation] CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var filter = since is { } from
            ? TableClient.CreateQueryFilter($"PartitionKey eq {_partition} and Timestamp ge {from}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {_partition}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            var removed = entity.GetBoolean("Removed") == true || entity.GetString("Entry") is null;
            var entry = removed ? null : JsonSerializer.Deserialize<ArchiveEntry>(entity.GetString("Entry")!, Json)! with
            {
                Summary = entity.GetString("Summary") ?? string.Empty,
                Takeaways = JsonSerializer.Deserialize<List<string>>(entity.GetString("Takeaways") ?? "[]", Json)!,
                CallsToAction = JsonSerializer.Deserialize<List<string>>(entity.GetString("CallsToAction") ?? "[]", Json)!,
            };
            yield return new ArchiveChange(entity.RowKey, entry, entity.Timestamp ?? DateTimeOffset.UtcNow);
        }
    }

    private BlobClient Blob(string sessionId, int version) => _container.GetBlobClient($"{sessionId}/v{version}.json");
}
