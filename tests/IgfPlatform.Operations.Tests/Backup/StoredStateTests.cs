using System.Text.Json;
using IgfPlatform.Backup;
using IgfPlatform.Testing;

namespace IgfPlatform.Operations.Tests.Backup;

/// <summary>
/// The upgrade path: storage written by a release (a backup of its demo forum, committed under
/// StoredState/) is read by the current code as it was read then. Refresh the sample at each release,
/// after the release's tests pass, with
/// <c>IGF_REFRESH_STORED_STATE=1 dotnet test tests/IgfPlatform.Operations.Tests -c Release --filter StoredStateTests</c>,
/// which makes the demo forum on a fresh storage, backs it up into StoredState/current and records
/// what it serves in expected.json; keep earlier releases' folders as they are.
/// </summary>
public sealed class StoredStateTests
{
    private static readonly JsonSerializerOptions Indented = new() { WriteIndented = true };

    private static string Samples => Path.Combine(RepoPaths.Root, "tests", "IgfPlatform.Operations.Tests", "StoredState");

    public static TheoryData<string> Releases()
    {
        var data = new TheoryData<string>();
        foreach (var folder in Directory.GetDirectories(Samples).Order(StringComparer.Ordinal))
        {
            data.Add(Path.GetFileName(folder));
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Releases))]
    public async Task State_stored_by_a_release_reads_back_as_it_did(string release)
    {
        var folder = Path.Combine(Samples, release);
        var expected = JsonSerializer.Deserialize<ForumSnapshot>(await File.ReadAllTextAsync(Path.Combine(folder, "expected.json")))!;

        await using var azurite = await AzuriteInstance.StartAsync();
        await StorageBackup.RestoreAsync(azurite.ConnectionString, Path.Combine(folder, "storage"));
        await using var server = await PlatformServer.StartAsync(azurite.ConnectionString);
        expected.AssertSameAs(await ForumSnapshot.ReadAsync(server.BaseUri));
        await server.StopAsync();
    }

    [Fact]
    public async Task Refresh_the_current_sample_when_asked()
    {
        if (Environment.GetEnvironmentVariable("IGF_REFRESH_STORED_STATE") != "1")
        {
            return;
        }

        var folder = Path.Combine(Samples, "current");
        if (Directory.Exists(folder))
        {
            Directory.Delete(folder, recursive: true);
        }

        await using var azurite = await AzuriteInstance.StartAsync();
        ForumSnapshot snapshot;
        await using (var server = await PlatformServer.StartAsync(azurite.ConnectionString, new PlatformServerOptions { SeedDemoData = true }))
        {
            snapshot = await ForumSnapshot.ReadAsync(server.BaseUri);
            await server.StopAsync();
        }

        await StorageBackup.BackupAsync(azurite.ConnectionString, Path.Combine(folder, "storage"));
        await File.WriteAllTextAsync(Path.Combine(folder, "expected.json"), JsonSerializer.Serialize(snapshot, Indented));
    }
}
