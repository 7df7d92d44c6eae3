using System.Globalization;
using System.Net;
using System.Security.Cryptography;
using Azure;
using Azure.Data.Tables;
using IgfPlatform.Contracts.Audit;
using IgfPlatform.Grains.Audit;

namespace IgfPlatform.Server.Audit;

/// <summary>
/// The audit log in Azure Table <c>IgfAudit</c>: one partition per service and scope (a session, or the forum),
/// row keys that sort newest first. Entries are inserted, never updated or deleted (an insert never replaces
/// a row; one that finds its own id stored counts as done).
/// </summary>
public sealed class AzureAuditLog : IAuditLog
{
    public const string TableName = "IgfAudit";

    private readonly TableClient _table;
    private readonly string _serviceId;
    private readonly Lazy<Task> _created;

    public AzureAuditLog(TableServiceClient tables, string serviceId)
    {
        _table = tables.GetTableClient(TableName);
        _serviceId = serviceId;
        _created = new Lazy<Task>(() => _table.CreateIfNotExistsAsync());
    }

    public async Task Append(AuditEntry entry, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(entry);
        await _created.Value;
        var row = new TableEntity(Partition(entry.SessionId ?? AuditLimits.Forum), entry.Id)
        {
            ["At"] = entry.At,
            ["ActorId"] = entry.ActorId,
            ["Action"] = entry.Action,
            ["SessionId"] = entry.SessionId,
            ["Target"] = entry.Target,
            ["Reason"] = entry.Reason,
        };
        try
        {
            await _table.AddEntityAsync(row, cancellationToken);
        }
        catch (RequestFailedException ex) when (ex.Status == (int)HttpStatusCode.Conflict)
        {
            // Ids are unique (a time and 48 random bits): the row is this entry, stored by an earlier try whose
            // answer was lost before the storage client tried again.
        }
    }

    public async Task<(IReadOnlyList<AuditEntry> Entries, string? Next)> Read(string scope, string? after, int limit, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var partition = Partition(scope);
        var filter = after is null
            ? TableClient.CreateQueryFilter($"PartitionKey eq {partition}")
            : TableClient.CreateQueryFilter($"PartitionKey eq {partition} and RowKey gt {after}");
        var entries = new List<AuditEntry>(limit);
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, maxPerPage: Math.Min(limit + 1, 1000), cancellationToken: cancellationToken))
        {
            if (entries.Count == limit)
            {
                return (entries, entries[^1].Id);
            }

            entries.Add(new AuditEntry(
                row.RowKey,
                row.GetDateTimeOffset("At") ?? row.Timestamp ?? DateTimeOffset.MinValue,
                row.GetString("ActorId") ?? string.Empty,
                row.GetString("Action") ?? string.Empty,
                row.GetString("SessionId"),
                row.GetString("Target"),
                row.GetString("Reason")));
        }

        return (entries, null);
    }

    public async Task<IReadOnlyDictionary<string, int>> CountActions(string sessionId, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var counts = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {Partition(sessionId)}");
        await foreach (var row in _table.QueryAsync<TableEntity>(filter, select: ["Action"], cancellationToken: cancellationToken))
        {
            var action = row.GetString("Action") ?? string.Empty;
            counts[action] = counts.GetValueOrDefault(action) + 1;
        }

        return counts;
    }

    /// <summary>A new entry's id: sorts newest first, unique without coordination.</summary>
    public static string NewId(DateTimeOffset at) =>
        (DateTimeOffset.MaxValue.UtcTicks - at.UtcTicks).ToString("D19", CultureInfo.InvariantCulture) + "-" + Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(6));

    // Table keys may not hold '/', '\\', '#', '?': session ids and the service id never do (checked where they are made).
    private string Partition(string scope) => _serviceId + "|" + scope;
}
