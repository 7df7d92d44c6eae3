using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Azure;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using Azure.Storage.Blobs.Models;

namespace IgfPlatform.Backup;

/// <summary>What a backup holds, written next to its files as manifest.json.</summary>
public sealed record BackupManifest(string Format, DateTimeOffset CreatedAt, IReadOnlyList<TableCopy> Tables, IReadOnlyList<ContainerCopy> Containers)
{
    public const string CurrentFormat = "igf-storage-backup/1";
}

public sealed record TableCopy(string Name, string File, int Entities, string Sha256);

public sealed record ContainerCopy(string Name, IReadOnlyList<BlobCopy> Blobs);

public sealed record BlobCopy(string Name, string File, long Length, string? ContentType, string Sha256);

/// <summary>The storage account held something where a restore would write.</summary>
public sealed class NotEmptyException(string message) : Exception(message);

/// <summary>A backup whose files do not match its manifest.</summary>
public sealed class DamagedBackupException(string message) : Exception(message);

/// <summary>
/// Copies every entity of every table and every blob of every container of the platform's storage
/// account to files, and back. The account is the platform's alone, so all of it is copied, except
/// Orleans' membership table: it describes the servers running at the time, which a restored
/// platform does not have.
/// </summary>
public static class StorageBackup
{
    public const string MembershipTable = "OrleansSiloInstances";

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static async Task<BackupManifest> BackupAsync(string connectionString, string folder, CancellationToken ct = default)
    {
        Directory.CreateDirectory(Path.Combine(folder, "tables"));
        Directory.CreateDirectory(Path.Combine(folder, "blobs"));
        var tableService = new TableServiceClient(connectionString);
        var blobService = new BlobServiceClient(connectionString);

        var tables = new List<TableCopy>();
        await foreach (var table in tableService.QueryAsync(cancellationToken: ct))
        {
            if (table.Name == MembershipTable)
            {
                continue;
            }

            var file = $"tables/{table.Name}.jsonl";
            var count = 0;
            await using (var output = File.Create(Path.Combine(folder, file)))
            await using (var writer = new StreamWriter(output, new UTF8Encoding(false)))
            {
                // The service returns entities ordered by partition and row key: the same data gives the same file.
                await foreach (var entity in tableService.GetTableClient(table.Name).QueryAsync<TableEntity>(cancellationToken: ct))
                {
                    await writer.WriteLineAsync(EntityJson.Write(entity));
                    count++;
                }
            }

            tables.Add(new TableCopy(table.Name, file, count, Sha256(Path.Combine(folder, file))));
        }

        var containers = new List<ContainerCopy>();
        var containerIndex = 0;
        await foreach (var container in blobService.GetBlobContainersAsync(cancellationToken: ct))
        {
            var client = blobService.GetBlobContainerClient(container.Name);
            var blobs = new List<BlobCopy>();
            // Blob names may hold anything; files are numbered and the manifest maps them.
            var directory = $"blobs/{containerIndex++:D3}";
            Directory.CreateDirectory(Path.Combine(folder, directory));
            await foreach (var blob in client.GetBlobsAsync(cancellationToken: ct))
            {
                var file = $"{directory}/{blobs.Count:D6}";
                var path = Path.Combine(folder, file);
                await client.GetBlobClient(blob.Name).DownloadToAsync(path, ct);
                blobs.Add(new BlobCopy(blob.Name, file, new FileInfo(path).Length, blob.Properties.ContentType, Sha256(path)));
            }

            containers.Add(new ContainerCopy(container.Name, blobs));
        }

        var manifest = new BackupManifest(BackupManifest.CurrentFormat, DateTimeOffset.UtcNow, tables, containers);
        await File.WriteAllTextAsync(Path.Combine(folder, "manifest.json"), JsonSerializer.Serialize(manifest, Json), ct);
        return manifest;
    }

    public static async Task<BackupManifest> ReadManifestAsync(string folder, CancellationToken ct = default)
    {
        var path = Path.Combine(folder, "manifest.json");
        if (!File.Exists(path))
        {
            throw new DamagedBackupException($"{path} is missing: this is not a backup of the platform's storage.");
        }

        var manifest = JsonSerializer.Deserialize<BackupManifest>(await File.ReadAllTextAsync(path, ct), Json)
            ?? throw new DamagedBackupException($"{path} is empty.");
        if (manifest.Format != BackupManifest.CurrentFormat)
        {
            throw new DamagedBackupException($"{path} has format '{manifest.Format}'; this tool reads '{BackupManifest.CurrentFormat}'.");
        }

        return manifest;
    }

    /// <summary>Every file is there with its hash; nothing is written to storage before this holds.</summary>
    public static async Task<BackupManifest> VerifyAsync(string folder, CancellationToken ct = default)
    {
        var manifest = await ReadManifestAsync(folder, ct);
        var files = manifest.Tables.Select(t => (t.File, t.Sha256))
            .Concat(manifest.Containers.SelectMany(c => c.Blobs).Select(b => (b.File, b.Sha256)));
        foreach (var (file, hash) in files)
        {
            var path = Path.Combine(folder, file);
            if (!File.Exists(path) || Sha256(path) != hash)
            {
                throw new DamagedBackupException($"{file} is missing or differs from the manifest's SHA-256.");
            }
        }

        foreach (var table in manifest.Tables)
        {
            var lines = File.ReadLines(Path.Combine(folder, table.File)).Count(l => l.Length > 0);
            if (lines != table.Entities)
            {
                throw new DamagedBackupException($"{table.File} has {lines} entities; the manifest says {table.Entities}.");
            }
        }

        return manifest;
    }

    /// <summary>Writes a backup into an account; refuses one that already holds any of it unless told.</summary>
    public static async Task<BackupManifest> RestoreAsync(string connectionString, string folder, bool intoNonEmpty = false, CancellationToken ct = default)
    {
        var manifest = await VerifyAsync(folder, ct);
        var tableService = new TableServiceClient(connectionString);
        var blobService = new BlobServiceClient(connectionString);

        if (!intoNonEmpty)
        {
            var occupied = new List<string>();
            foreach (var table in manifest.Tables)
            {
                if (await HasAny(tableService.GetTableClient(table.Name), ct))
                {
                    occupied.Add($"table {table.Name}");
                }
            }

            foreach (var container in manifest.Containers)
            {
                var client = blobService.GetBlobContainerClient(container.Name);
                if (await client.ExistsAsync(ct) && await HasAny(client, ct))
                {
                    occupied.Add($"container {container.Name}");
                }
            }

            if (occupied.Count > 0)
            {
                throw new NotEmptyException(
                    $"The storage account already holds data ({string.Join(", ", occupied)}). Restore into an empty account, or pass --into-non-empty to overwrite what the backup holds.");
            }
        }

        foreach (var table in manifest.Tables)
        {
            var client = tableService.GetTableClient(table.Name);
            await client.CreateIfNotExistsAsync(ct);
            var entities = File.ReadLines(Path.Combine(folder, table.File)).Where(l => l.Length > 0).Select(EntityJson.Read);
            foreach (var partition in entities.GroupBy(e => e.PartitionKey))
            {
                // A transaction holds at most 100 entities of one partition.
                foreach (var chunk in partition.Chunk(100))
                {
                    await client.SubmitTransactionAsync(chunk.Select(e => new TableTransactionAction(TableTransactionActionType.UpsertReplace, e)), ct);
                }
            }
        }

        foreach (var container in manifest.Containers)
        {
            var client = blobService.GetBlobContainerClient(container.Name);
            await client.CreateIfNotExistsAsync(cancellationToken: ct);
            foreach (var blob in container.Blobs)
            {
                await using var content = File.OpenRead(Path.Combine(folder, blob.File));
                await client.GetBlobClient(blob.Name).UploadAsync(content, new BlobUploadOptions
                {
                    HttpHeaders = blob.ContentType is null ? null : new BlobHttpHeaders { ContentType = blob.ContentType },
                }, ct);
            }
        }

        return manifest;
    }

    private static async Task<bool> HasAny(TableClient table, CancellationToken ct)
    {
        try
        {
            await foreach (var _ in table.QueryAsync<TableEntity>(maxPerPage: 1, select: ["PartitionKey"], cancellationToken: ct))
            {
                return true;
            }
        }
        catch (RequestFailedException ex) when (ex.Status == 404)
        {
            // No such table: empty.
        }

        return false;
    }

    private static async Task<bool> HasAny(BlobContainerClient container, CancellationToken ct)
    {
        await foreach (var _ in container.GetBlobsAsync(cancellationToken: ct))
        {
            return true;
        }

        return false;
    }

    private static string Sha256(string path)
    {
        using var stream = File.OpenRead(path);
        return Convert.ToHexStringLower(SHA256.HashData(stream));
    }
}

/// <summary>
/// One entity as one line of JSON, each property with its Edm type, so that a restore writes back
/// exactly the types that were stored (an Int64 stays an Int64, a binary stays binary).
/// </summary>
public static class EntityJson
{
    public static string Write(TableEntity entity)
    {
        using var buffer = new MemoryStream();
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("pk", entity.PartitionKey);
            json.WriteString("rk", entity.RowKey);
            json.WriteStartObject("p");
            foreach (var (name, value) in entity.OrderBy(p => p.Key, StringComparer.Ordinal))
            {
                if (name is "PartitionKey" or "RowKey" or "Timestamp" or "odata.etag" || value is null)
                {
                    continue;
                }

                json.WriteStartArray(name);
                switch (value)
                {
                    case string s: json.WriteStringValue("String"); json.WriteStringValue(s); break;
                    case bool b: json.WriteStringValue("Boolean"); json.WriteBooleanValue(b); break;
                    case int i: json.WriteStringValue("Int32"); json.WriteNumberValue(i); break;
                    case long l: json.WriteStringValue("Int64"); json.WriteStringValue(l.ToString(CultureInfo.InvariantCulture)); break;
                    case double d: json.WriteStringValue("Double"); json.WriteStringValue(d.ToString("R", CultureInfo.InvariantCulture)); break;
                    case DateTimeOffset t: json.WriteStringValue("DateTime"); json.WriteStringValue(t.UtcDateTime.ToString("O", CultureInfo.InvariantCulture)); break;
                    case DateTime t: json.WriteStringValue("DateTime"); json.WriteStringValue(t.ToUniversalTime().ToString("O", CultureInfo.InvariantCulture)); break;
                    case Guid g: json.WriteStringValue("Guid"); json.WriteStringValue(g); break;
                    case byte[] bytes: json.WriteStringValue("Binary"); json.WriteBase64StringValue(bytes); break;
                    case BinaryData data: json.WriteStringValue("Binary"); json.WriteBase64StringValue(data.ToArray()); break;
                    default: throw new NotSupportedException($"Property {name} of {entity.PartitionKey}/{entity.RowKey} has a type the backup does not know: {value.GetType()}.");
                }

                json.WriteEndArray();
            }

            json.WriteEndObject();
            json.WriteEndObject();
        }

        return Encoding.UTF8.GetString(buffer.ToArray());
    }

    public static TableEntity Read(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var root = doc.RootElement;
        var entity = new TableEntity(root.GetProperty("pk").GetString(), root.GetProperty("rk").GetString());
        foreach (var property in root.GetProperty("p").EnumerateObject())
        {
            var type = property.Value[0].GetString();
            var value = property.Value[1];
            entity[property.Name] = type switch
            {
                "String" => value.GetString(),
                "Boolean" => value.GetBoolean(),
                "Int32" => value.GetInt32(),
                "Int64" => long.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                "Double" => double.Parse(value.GetString()!, CultureInfo.InvariantCulture),
                "DateTime" => DateTimeOffset.Parse(value.GetString()!, CultureInfo.InvariantCulture, DateTimeStyles.RoundtripKind),
                "Guid" => value.GetGuid(),
                "Binary" => value.GetBytesFromBase64(),
                _ => throw new DamagedBackupException($"Property {property.Name} has an unknown type '{type}'."),
            };
        }

        return entity;
    }
}
