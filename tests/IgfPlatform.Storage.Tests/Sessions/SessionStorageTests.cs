using Azure;
using Azure.Data.Tables;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Testing;

namespace IgfPlatform.Storage.Tests.Sessions;

public sealed class SessionStorageTests(StorageCluster storage) : IClassFixture<StorageCluster>
{
    [Fact]
    public async Task A_session_is_stored_in_Azure_Table_and_read_back_by_a_new_activation()
    {
        var (id, session, agenda) = await NewLiveSession();
        var before = await session.GetSnapshot();

        await storage.Cluster.DeactivateAsync(session);
        var after = await session.GetSnapshot();

        Assert.NotEqual(before.Epoch, after.Epoch);
        Assert.Equal(SessionStatus.Live, after.Session.Status);
        Assert.Equal(agenda.Select(a => (a.Id, a.Title, a.Minutes)), after.Agenda.Select(a => (a.Id, a.Title, a.Minutes)));
        Assert.Equal(agenda[1].Id, after.CurrentItemId);
        Assert.NotNull(await FindRow(id));
    }

    [Fact]
    public async Task Sessions_survive_the_loss_of_a_silo()
    {
        var sessions = new List<(ISessionGrain Grain, IReadOnlyList<AgendaItem> Agenda)>();
        for (var i = 0; i < 6; i++)
        {
            var (_, grain, agenda) = await NewLiveSession();
            sessions.Add((grain, agenda));
        }

        // Placement spreads the sessions; killing a silo loses whatever was active there.
        await storage.Cluster.KillSiloAsync(storage.Cluster.Silos[^1]);
        await storage.Cluster.WaitForLivenessToStabilizeAsync(didKill: true);
        foreach (var (grain, agenda) in sessions)
        {
            var snapshot = await grain.GetSnapshot();
            Assert.Equal(agenda.Select(a => a.Id), snapshot.Agenda.Select(a => a.Id));
            Assert.Equal(SessionStatus.Live, snapshot.Session.Status);
        }

        await storage.Cluster.StartAdditionalSiloAsync();
    }

    [Fact]
    public async Task A_write_over_a_newer_stored_version_is_refused_and_the_newer_version_kept()
    {
        var (id, session, agenda) = await NewLiveSession();
        var moderator = (await session.GetDetails())!.Moderators[0];

        // Another writer (an operator's tool, a duplicate activation) stores the row meanwhile.
        var row = await FindRow(id) ?? throw new InvalidOperationException("The session's row is missing.");
        var table = storage.Tables.GetTableClient(OrleansHosting.TableName);
        await table.UpdateEntityAsync(row, ETag.All, TableUpdateMode.Merge);

        var conflict = await Assert.ThrowsAsync<ForumException>(() => session.SetAgenda(moderator, [ForumFaker.Item(id: "lost")]));
        Assert.Equal(ForumErrorKind.Conflict, conflict.Kind);

        // Nothing of the refused write is served, and the session goes on from what is stored.
        Assert.DoesNotContain((await session.GetAgenda()), a => a.Id == "lost");
        Assert.Equal(agenda.Select(a => a.Id), (await session.GetAgenda()).Select(a => a.Id));
        var next = await session.SetAgenda(moderator, [.. agenda, ForumFaker.Item(id: "kept")]);
        Assert.Equal("kept", next[^1].Id);
        await storage.Cluster.DeactivateAsync(session);
        Assert.Equal("kept", (await session.GetAgenda())[^1].Id);
    }

    [Fact]
    public async Task The_calendar_lives_in_Blob_storage_and_holds_many_sessions()
    {
        var organizer = await storage.NewOrganizer();
        var ids = new List<string>();
        for (var i = 0; i < 25; i++)
        {
            var id = $"calendar-{Guid.NewGuid():N}"[..30];
            await storage.Grains.GetGrain<ISessionGrain>(id).Create(organizer, Draft());
            await storage.Grains.GetGrain<ISessionGrain>(id).Schedule(organizer);
            ids.Add(id);
        }

        var catalog = storage.Grains.GetGrain<ISessionCatalogGrain>(ISessionCatalogGrain.Key);
        await storage.Cluster.DeactivateAsync(catalog);
        var listed = (await catalog.List(new SessionQuery(Status: SessionStatus.Scheduled))).Select(s => s.Id).ToHashSet();
        Assert.Superset(ids.ToHashSet(), listed);
    }

    private async Task<(string Id, ISessionGrain Grain, IReadOnlyList<AgendaItem> Agenda)> NewLiveSession()
    {
        var organizer = await storage.NewOrganizer();
        var id = $"storage-{Guid.NewGuid():N}"[..30];
        var session = storage.Grains.GetGrain<ISessionGrain>(id);
        await session.Create(organizer, Draft());
        await session.SetModerators(organizer, [organizer]);
        await session.Schedule(organizer);
        await session.Start(organizer);
        var agenda = await session.SetAgenda(organizer, [ForumFaker.Item(), ForumFaker.Item(), ForumFaker.Item()]);
        await session.SetCurrentItem(organizer, agenda[1].Id);
        return (id, session, agenda);
    }

    private static SessionDraft Draft()
    {
        var s = ForumFaker.Session();
        return new SessionDraft(s.Title, null, s.Type, s.Topics, s.StartsAt, s.DurationMinutes, s.Description);
    }

    private async Task<TableEntity?> FindRow(string sessionId)
    {
        var table = storage.Tables.GetTableClient(OrleansHosting.TableName);
        await foreach (var row in table.QueryAsync<TableEntity>())
        {
            if (row.PartitionKey.Contains(sessionId, StringComparison.Ordinal) && row.RowKey.Contains("session", StringComparison.OrdinalIgnoreCase))
            {
                return row;
            }
        }

        return null;
    }
}
