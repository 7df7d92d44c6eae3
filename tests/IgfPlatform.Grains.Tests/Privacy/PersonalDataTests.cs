using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.StakeholderGroups;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Topics;
using IgfPlatform.Grains.Tests.Questions;

namespace IgfPlatform.Grains.Tests.Privacy;

/// <summary>The index of where a person's data is, and each grain's export and erasure.</summary>
[Collection(ClusterCollection.Name)]
public sealed class PersonalDataTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    private IParticipantGrain Person(ParticipantProfile p) => _grains.GetGrain<IParticipantGrain>(p.ParticipantId);

    [Fact]
    public async Task Asking_voting_and_following_leave_a_footprint_once_each()
    {
        using var s = await QuestionScenario.Create(fixture.Client, fixture.QuestionLedger);
        var person = await s.Participant();
        var asked = await s.Board.Ask(person.ParticipantId, Forum.NewId("req"), Asking.Text(), anonymous: false);
        await s.Board.Ask(person.ParticipantId, Forum.NewId("req"), Asking.Text(), anonymous: true);
        var other = await s.Asked();
        await s.Board.Upvote(person.ParticipantId, other.QuestionId);
        var topic = ShippedTopics.All[0];
        await _grains.GetGrain<ITopicGrain>(topic.Slug).Install(topic);
        await _grains.GetGrain<ITopicFollowersGrain>(topic.Slug).SetFollowing(person.ParticipantId, true);

        Assert.Equal(
            [new DataFootprint(PersonalDataKinds.Questions, s.SessionId), new DataFootprint(PersonalDataKinds.Topic, topic.Slug)],
            await Person(person).GetFootprints());
        Assert.NotNull(asked);
    }

    [Fact]
    public async Task A_board_exports_the_persons_questions_and_votes_and_nobody_elses_identity()
    {
        using var s = await QuestionScenario.Create(fixture.Client, fixture.QuestionLedger);
        var person = await s.Participant();
        var voter = await s.Participant();
        var mine = await s.Board.Ask(person.ParticipantId, Forum.NewId("req"), "Who keeps the logs of the root servers?", anonymous: true);
        await s.Board.Upvote(voter.ParticipantId, mine.QuestionId);
        var othersAnonymous = await s.Asked("What is spam, legally?", anonymous: true);
        await s.Board.Upvote(person.ParticipantId, othersAnonymous.QuestionId);

        var part = await s.Board.ExportPersonalData(person.ParticipantId);

        var export = Assert.IsType<QuestionsExport>(part!.Data);
        var asked = Assert.Single(export.Asked);
        Assert.Equal((mine.QuestionId, true, 1), (asked.QuestionId, asked.Anonymous, asked.VotesReceived));
        Assert.Equal(othersAnonymous.QuestionId, Assert.Single(export.Votes).QuestionId);
        var json = Forum.Json(part);
        Assert.DoesNotContain(voter.ParticipantId, json, StringComparison.Ordinal);
        Assert.DoesNotContain(voter.DisplayName, json, StringComparison.Ordinal);
        var othersAsker = (await s.Moderated(othersAnonymous.QuestionId)).AskerId;
        Assert.DoesNotContain(othersAsker, json, StringComparison.Ordinal);
        Assert.Null(await s.Board.ExportPersonalData(Forum.NewId("p")));
    }

    [Fact]
    public async Task Erasing_anonymizes_shown_questions_empties_unshown_ones_withdraws_votes_and_is_idempotent()
    {
        using var s = await QuestionScenario.Create(fixture.Client, fixture.QuestionLedger);
        var person = await s.Participant();
        var shown = await s.Board.Ask(person.ParticipantId, Forum.NewId("req"), "How are country codes delegated?", anonymous: false);
        var other = await s.Asked();
        await s.Board.Upvote(person.ParticipantId, other.QuestionId);
        await s.Board.SetPreModeration(s.ModeratorId, true);
        var pending = await s.Board.Ask(person.ParticipantId, Forum.NewId("req"), "My phone number is in this question", anonymous: false);

        await s.Board.ErasePersonalData(person.ParticipantId);
        await s.Board.ErasePersonalData(person.ParticipantId);

        var seen = await s.Seen(shown.QuestionId);
        Assert.Equal(("How are country codes delegated?", FormerParticipant.Name), (seen!.Text, seen.AskerName));
        Assert.Equal(0, (await s.Seen(other.QuestionId))!.Upvotes);
        var unshown = await s.Moderated(pending.QuestionId);
        Assert.Equal((string.Empty, QuestionStatus.Hidden, FormerParticipant.Id), (unshown.Question.Text, unshown.Question.Status, unshown.AskerId));
        Assert.Null(await s.Board.ExportPersonalData(person.ParticipantId));

        // What is stored says the same: a new activation (or the ledger itself) knows nothing of the person.
        var stored = fixture.QuestionLedger.Stored(s.SessionId);
        Assert.DoesNotContain(stored.Questions, q => q.AskerId == person.ParticipantId || q.AskerName == person.DisplayName || q.Text.Contains("phone", StringComparison.Ordinal));
        Assert.DoesNotContain(stored.Votes, v => v.ParticipantId == person.ParticipantId && v.Up);
    }

    [Fact]
    public async Task Erasing_a_person_frees_their_address_forgets_them_and_drops_them_from_their_group()
    {
        var person = await Forum.Register(_grains);
        var group = _grains.GetGrain<IStakeholderGroupGrain>(WireNames.Name(person.StakeholderGroup));
        Assert.NotNull(await group.ExportPersonalData(person.ParticipantId));
        await Person(person).StartSignIn("device", "hash", DateTimeOffset.UtcNow.AddHours(1));

        await Person(person).BeginErasure();
        Assert.False(await Person(person).AcceptsToken("device"));
        await group.ErasePersonalData(person.ParticipantId);
        await Person(person).CompleteErasure();
        await Person(person).CompleteErasure();
        await _grains.GetGrain<IAccountGrain>(person.Email).Erase(person.ParticipantId);

        Assert.Null(await Person(person).GetProfile());
        Assert.Empty(await Person(person).GetFootprints());
        Assert.Null(await group.ExportPersonalData(person.ParticipantId));
        Assert.Null(await _grains.GetGrain<IAccountGrain>(person.Email).GetCredentials());
        var again = await _grains.GetGrain<IAccountGrain>(person.Email).Register(Forum.Profile(email: person.Email), "hash:again");
        Assert.NotEqual(person.ParticipantId, again.ParticipantId);
    }

    [Fact]
    public async Task An_address_left_to_a_forgotten_person_by_an_erasure_stopped_midway_can_be_registered()
    {
        var person = await Forum.Register(_grains);
        await Person(person).BeginErasure();
        await Person(person).CompleteErasure();

        // The address was not freed (as if the server stopped here): a registration takes it all the same.
        var again = await _grains.GetGrain<IAccountGrain>(person.Email).Register(Forum.Profile(email: person.Email), "hash:again");
        Assert.NotEqual(person.ParticipantId, again.ParticipantId);
        Assert.Equal(again.ParticipantId, (await _grains.GetGrain<IAccountGrain>(person.Email).GetCredentials())!.ParticipantId);
    }

    [Fact]
    public async Task An_ended_session_drops_an_erased_moderator_and_its_floor_keeps_the_speaker_as_a_handle()
    {
        var session = await SessionScenario.Create(_grains, SessionStatus.Live, agendaItems: 1);
        var floor = _grains.GetGrain<ISpeakingQueueGrain>(session.SessionId);
        var speaker = await Forum.Register(_grains);
        var entry = await floor.RequestFloor(speaker.ParticipantId, Forum.NewId("req"), FloorKind.Intervention, "My note", null, inRoom: true);
        Assert.Contains(new DataFootprint(PersonalDataKinds.Floor, session.SessionId), await Person(speaker).GetFootprints());
        await floor.GiveFloor(session.ModeratorId, entry.EntryId, null);
        await floor.EndSpeech(session.ModeratorId);
        await session.Grain.End(session.ModeratorId);
        var onRecord = await floor.GetSpeechesOnRecord();

        await floor.ErasePersonalData(speaker.ParticipantId);
        await floor.ErasePersonalData(session.ModeratorId);
        await session.Grain.ErasePersonalData(session.ModeratorId);
        await session.Grain.ErasePersonalData(session.ModeratorId);

        Assert.DoesNotContain(session.ModeratorId, (await session.Grain.GetDetails())!.Moderators);
        Assert.Null(await floor.ExportPersonalData(speaker.ParticipantId));
        var view = Forum.Json(await floor.GetView());
        Assert.DoesNotContain(speaker.DisplayName, view, StringComparison.Ordinal);
        Assert.DoesNotContain(speaker.ParticipantId, view, StringComparison.Ordinal);
        var after = await floor.GetSpeechesOnRecord();
        Assert.Equal(Forum.Json(onRecord.Select(s => s with { Speech = s.Speech with { Name = "Speaker 1" } })), Forum.Json(after));
    }

    [Fact]
    public async Task A_topic_forgets_an_erased_follower()
    {
        var person = await Forum.Register(_grains);
        var topic = ShippedTopics.All[1];
        await _grains.GetGrain<ITopicGrain>(topic.Slug).Install(topic);
        var followers = _grains.GetGrain<ITopicFollowersGrain>(topic.Slug);
        await followers.SetFollowing(person.ParticipantId, true);
        Assert.Equal(new FollowedTopic(topic.Slug), (await followers.ExportPersonalData(person.ParticipantId))!.Data);

        await followers.ErasePersonalData(person.ParticipantId);

        Assert.DoesNotContain(person.ParticipantId, await followers.GetFollowers());
        Assert.Null(await followers.ExportPersonalData(person.ParticipantId));
    }
}
