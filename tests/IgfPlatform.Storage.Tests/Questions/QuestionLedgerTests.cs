using Azure.Data.Tables;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Questions;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Server.Questions;
using IgfPlatform.Testing;

namespace IgfPlatform.Storage.Tests.Questions;

/// <summary>One Azurite for the ledger's tests; each test uses sessions of its own.</summary>
public sealed class LedgerStorage : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public AzureTableQuestionLedger Ledger { get; private set; } = null!;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Ledger = new AzureTableQuestionLedger(new TableServiceClient(Azurite.ConnectionString, StorageClientOptions.Tables()));
    }

    public async Task DisposeAsync()
    {
        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }
}

public sealed class QuestionLedgerTests(LedgerStorage storage) : IClassFixture<LedgerStorage>
{
    private readonly AzureTableQuestionLedger _ledger = storage.Ledger;

    [Fact]
    public async Task Questions_votes_and_settings_written_together_are_read_back_as_written()
    {
        var session = "ledger-" + Guid.NewGuid().ToString("N")[..8];
        var asked = new DateTimeOffset(2026, 11, 28, 9, 30, 0, TimeSpan.Zero);
        var question = new QuestionRecord("q-1", "Who governs the root zone; and how?", "p-1", "Amina Diallo", StakeholderGroup.CivilSociety, Region.Africa,
            true, QuestionStatus.Hidden, false, asked, null, "Off topic, sorry", "p-mod", "req-1", false);
        var answered = question with { Id = "q-2", Status = QuestionStatus.Answered, Anonymous = false, AnsweredAt = asked.AddMinutes(5), HiddenReason = null, HiddenBy = null, ClientRequestId = "req-2", WasApproved = true };
        var votes = Enumerable.Range(0, 97).Select(i => (object)new VoteRecord("q-2", $"p-{i}", Up: i % 7 != 0)).ToList();

        await _ledger.Write(session, [question, answered, new BoardSettings(true), .. votes]);
        var contents = await _ledger.Load(session);

        Assert.Equal([question, answered], contents.Questions.OrderBy(q => q.Id));
        Assert.Equal(votes.Cast<VoteRecord>().OrderBy(v => v.ParticipantId, StringComparer.Ordinal), contents.Votes.OrderBy(v => v.ParticipantId, StringComparer.Ordinal));
        Assert.Equal(new BoardSettings(true), contents.Settings);
        Assert.Empty((await _ledger.Load("another-session")).Questions);
    }

    [Fact]
    public async Task A_write_replaces_what_it_names_and_leaves_the_rest()
    {
        var session = "ledger-" + Guid.NewGuid().ToString("N")[..8];
        await _ledger.Write(session, [new VoteRecord("q-1", "p-1", true), new VoteRecord("q-1", "p-2", true)]);
        await _ledger.Write(session, [new VoteRecord("q-1", "p-1", false)]);

        var votes = (await _ledger.Load(session)).Votes.ToDictionary(v => v.ParticipantId, v => v.Up);
        Assert.False(votes["p-1"]);
        Assert.True(votes["p-2"]);
    }

    [Fact]
    public async Task A_group_write_is_all_or_nothing()
    {
        var session = "ledger-" + Guid.NewGuid().ToString("N")[..8];
        var tooMany = Enumerable.Range(0, IQuestionLedger.MaxRecordsPerWrite + 1).Select(i => (object)new VoteRecord("q-1", $"p-{i}", true)).ToList();

        await Assert.ThrowsAnyAsync<Exception>(() => _ledger.Write(session, tooMany));
        Assert.Empty((await _ledger.Load(session)).Votes);
    }

    [Fact]
    public async Task A_large_board_loads_whole()
    {
        var session = "ledger-" + Guid.NewGuid().ToString("N")[..8];
        var writes = Enumerable.Range(0, 30).Select(w => _ledger.Write(session,
            Enumerable.Range(0, 100).Select(i => (object)new VoteRecord($"q-{w}", $"p-{i}", true)).ToList()));
        await Task.WhenAll(writes);

        Assert.Equal(3000, (await _ledger.Load(session)).Votes.Count);

        // Votes live as properties of a few bucket entities per question, not an entity each.
        var table = new TableServiceClient(storage.Azurite.ConnectionString).GetTableClient(AzureTableQuestionLedger.TableName);
        var entities = 0;
        await foreach (var _ in table.QueryAsync<TableEntity>(TableClient.CreateQueryFilter($"PartitionKey eq {session}")))
        {
            entities++;
        }

        Assert.Equal(30, entities); // 100 voters of each question share one bucket entity
    }

    [Fact]
    public async Task Votes_stored_in_the_first_layout_one_entity_per_vote_are_still_read()
    {
        var session = "ledger-" + Guid.NewGuid().ToString("N")[..8];
        var table = new TableServiceClient(storage.Azurite.ConnectionString).GetTableClient(AzureTableQuestionLedger.TableName);
        await _ledger.Load(session);
        await table.UpsertEntityAsync(new TableEntity(session, "v|q-1|p-old") { ["QuestionId"] = "q-1", ["ParticipantId"] = "p-old", ["Up"] = true });
        await _ledger.Write(session, [new VoteRecord("q-1", "p-new", true, 0)]);

        var votes = (await _ledger.Load(session)).Votes;
        Assert.Equal(["p-new", "p-old"], votes.Where(v => v.Up).Select(v => v.ParticipantId).Order(StringComparer.Ordinal));
    }
}
