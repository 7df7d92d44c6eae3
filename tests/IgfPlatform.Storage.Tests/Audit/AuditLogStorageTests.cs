using Azure.Data.Tables;
using IgfPlatform.Contracts.Audit;
using IgfPlatform.Server.Audit;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Testing;

namespace IgfPlatform.Storage.Tests.Audit;

/// <summary>The audit log in Azurite: an entry whose first insert was stored but whose answer was lost.</summary>
public sealed class AuditLogStorageTests : IAsyncLifetime
{
    private AzuriteInstance _azurite = null!;

    public async Task InitializeAsync() => _azurite = await AzuriteInstance.StartAsync();

    public async Task DisposeAsync() => await _azurite.DisposeAsync();

    [Fact]
    public async Task An_entry_stored_again_by_a_retry_is_kept_once_and_the_second_insert_succeeds()
    {
        var log = new AzureAuditLog(new TableServiceClient(_azurite.ConnectionString, StorageClientOptions.Tables()), "audit-" + Guid.NewGuid().ToString("N")[..8]);
        var at = DateTimeOffset.UtcNow;
        var entry = new AuditEntry(AzureAuditLog.NewId(at), at, "p-moderator", "setCurrentItem", "main-session", "item-2", null);

        await log.Append(entry);
        // What the storage client's retry does when the first insert's answer never came back.
        await log.Append(entry);

        var (entries, _) = await log.Read("main-session", null, 10);
        var kept = Assert.Single(entries);
        Assert.Equal(entry.Id, kept.Id);
        Assert.Equal("setCurrentItem", kept.Action);

        // Another entry at the same moment is another row.
        await log.Append(entry with { Id = AzureAuditLog.NewId(at), Target = "item-3" });
        Assert.Equal(2, (await log.Read("main-session", null, 10)).Entries.Count);
    }
}
