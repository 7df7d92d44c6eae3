using IgfPlatform.Backup;
using IgfPlatform.Testing;

namespace IgfPlatform.Operations.Tests.Backup;

public sealed class BackupRestoreTests
{
    [Fact]
    public async Task A_backup_restored_into_a_fresh_account_serves_the_same_forum()
    {
        var folder = Directory.CreateTempSubdirectory("igf-backup-").FullName;
        try
        {
            // A platform with the demo forum, stopped before the copy as an operator would.
            await using var source = await AzuriteInstance.StartAsync();
            ForumSnapshot before;
            await using (var first = await PlatformServer.StartAsync(source.ConnectionString, new PlatformServerOptions { SeedDemoData = true }))
            {
                before = await ForumSnapshot.ReadAsync(first.BaseUri);
                await first.StopAsync();
            }

            Assert.Equal(3, before.PublishedChains.Count);
            Assert.Equal(8, before.Questions.Count);

            var manifest = await StorageBackup.BackupAsync(source.ConnectionString, folder);
            Assert.DoesNotContain(manifest.Tables, t => t.Name == StorageBackup.MembershipTable);
            Assert.Contains(manifest.Tables, t => t.Name == "IgfGrainState" && t.Entities > 200);
            Assert.Contains(manifest.Containers, c => c.Name.EndsWith("-archive", StringComparison.Ordinal) && c.Blobs.Count == 3);

            // A second backup of the same data is the same, file for file.
            var again = await StorageBackup.BackupAsync(source.ConnectionString, folder + "-again");
            Assert.Equal(manifest.Tables.Select(t => t.Sha256), again.Tables.Select(t => t.Sha256));
            PublishedFolders.Delete(folder + "-again");

            await using var target = await AzuriteInstance.StartAsync();
            await StorageBackup.RestoreAsync(target.ConnectionString, folder);

            // Once restored, the account is not empty: a second restore is refused unless told.
            var refused = await Assert.ThrowsAsync<NotEmptyException>(() => StorageBackup.RestoreAsync(target.ConnectionString, folder));
            Assert.Contains("IgfGrainState", refused.Message, StringComparison.Ordinal);

            // A new cluster on the restored account (no demo seeding): the same forum, the same records.
            await using var restored = await PlatformServer.StartAsync(target.ConnectionString);
            before.AssertSameAs(await ForumSnapshot.ReadAsync(restored.BaseUri));
            await restored.StopAsync();
        }
        finally
        {
            PublishedFolders.Delete(folder);
        }
    }

    [Fact]
    public async Task A_damaged_backup_is_refused_before_anything_is_written()
    {
        var folder = Directory.CreateTempSubdirectory("igf-backup-").FullName;
        try
        {
            await using var azurite = await AzuriteInstance.StartAsync();
            var tables = new Azure.Data.Tables.TableServiceClient(azurite.ConnectionString);
            var table = tables.GetTableClient("IgfGrainState");
            await table.CreateIfNotExistsAsync();
            await table.AddEntityAsync(new Azure.Data.Tables.TableEntity("p", "r") { ["Count"] = 42L, ["Data"] = new byte[] { 1, 2, 3 }, ["At"] = DateTimeOffset.UnixEpoch });
            await StorageBackup.BackupAsync(azurite.ConnectionString, folder);

            var file = Path.Combine(folder, "tables", "IgfGrainState.jsonl");
            var line = File.ReadAllText(file);
            Assert.Contains("\"Count\":[\"Int64\",\"42\"]", line, StringComparison.Ordinal);
            await File.WriteAllTextAsync(file, line.Replace("42", "43", StringComparison.Ordinal));

            await using var target = await AzuriteInstance.StartAsync();
            var damaged = await Assert.ThrowsAsync<DamagedBackupException>(() => StorageBackup.RestoreAsync(target.ConnectionString, folder));
            Assert.Contains("IgfGrainState.jsonl", damaged.Message, StringComparison.Ordinal);
            await foreach (var _ in new Azure.Data.Tables.TableServiceClient(target.ConnectionString).QueryAsync())
            {
                Assert.Fail("The damaged backup wrote a table.");
            }
        }
        finally
        {
            PublishedFolders.Delete(folder);
        }
    }
}

internal static class PublishedFolders
{
    public static void Delete(string folder)
    {
        if (Directory.Exists(folder))
        {
            Deployment.PublishedServer.TryDelete(folder);
        }
    }
}
