using System.Collections.Concurrent;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Sessions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.Server.Tests.Live;

[Collection(PlatformCollection.Name)]
public sealed class HubTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(20);

    [Fact]
    public async Task Joining_gives_the_snapshot_of_the_live_session()
    {
        await using var follower = await platform.Server.ConnectAsync();
        var live = await follower.JoinSessionAsync(PlatformFixture.LiveSessionId);

        Assert.Equal(SessionStatus.Live, live.Session.Status);
        Assert.NotEmpty(live.Agenda);
        Assert.Contains(live.Agenda, i => i.Id == live.CurrentItemId);
        Assert.True(live.Epoch > 0);
    }

    [Fact]
    public async Task Every_follower_receives_every_agenda_change_in_order_and_ends_with_the_same_agenda()
    {
        var (session, moderator) = await NewLiveSession();
        const int followers = 40;
        var clients = await Task.WhenAll(Enumerable.Range(0, followers).Select(_ => platform.Server.ConnectAsync()));
        try
        {
            var views = await Task.WhenAll(clients.Select(c => c.JoinSessionAsync(session)));
            var applied = views.Select(Record).ToList();

            var agenda = new List<AgendaItem>();
            for (var i = 0; i < 15; i++)
            {
                agenda = [.. await moderator.SetAgendaAsync(session, [.. agenda, ForumFaker.Item()])];
                await moderator.SetCurrentItemAsync(session, agenda[^1].Id);
            }

            var expected = agenda.Select(a => a.Id).ToList();
            await Task.WhenAll(views.Select(v => v.WaitUntilAsync(s => s.Agenda.Select(a => a.Id).SequenceEqual(expected) && s.CurrentItemId == expected[^1], Patience)));
            foreach (var (view, events) in views.Zip(applied))
            {
                AssertContiguous(events);
                Assert.Equal(30, Changes(events));
                Assert.Equal(0, view.GapsDetected);
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
            await moderator.DisposeAsync();
        }
    }

    [Fact]
    public async Task A_participant_calling_a_moderator_command_is_refused_and_nothing_changes()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var participantApi = await platform.NewParticipantAsync();
        await using var participant = await platform.Server.ConnectAsync(participantApi.AccessToken);
        await using var anonymous = await platform.Server.ConnectAsync();
        var view = await participant.JoinSessionAsync(session);
        var before = view.Current;

        var refusals = new List<HubException>
        {
            await Assert.ThrowsAsync<HubException>(() => participant.SetAgendaAsync(session, [ForumFaker.Item()])),
            await Assert.ThrowsAsync<HubException>(() => participant.SetCurrentItemAsync(session, null)),
            await Assert.ThrowsAsync<HubException>(() => participant.EndSessionAsync(session)),
            await Assert.ThrowsAsync<HubException>(() => anonymous.SetAgendaAsync(session, [ForumFaker.Item()])),
        };
        Assert.All(refusals.Take(3), e => Assert.Contains("Only the session's moderators", e.Message, StringComparison.Ordinal));
        Assert.Contains("Sign in", refusals[3].Message, StringComparison.Ordinal);

        var after = (await participant.ResyncAsync(session, 0, 0)).Snapshot!;
        Assert.Equal(before.Agenda, after.Agenda);
        Assert.Equal(SessionStatus.Live, after.Session.Status);
        await AssertOnlyPresenceSince(participant, session, before);
    }

    [Fact]
    public async Task A_bad_agenda_from_a_moderator_is_refused_with_the_reason_and_changes_nothing()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var view = await moderator.JoinSessionAsync(session);
        var before = view.Current;

        var error = await Assert.ThrowsAsync<HubException>(() => moderator.SetAgendaAsync(session, [ForumFaker.Item() with { Minutes = 0 }]));
        Assert.Contains("not valid", error.Message, StringComparison.Ordinal);
        var unknownItem = await Assert.ThrowsAsync<HubException>(() => moderator.SetCurrentItemAsync(session, "no-such-item"));
        Assert.Contains("no-such-item", unknownItem.Message, StringComparison.Ordinal);

        var after = (await moderator.ResyncAsync(session, 0, 0)).Snapshot!;
        Assert.Equal(before.Agenda, after.Agenda);
        await AssertOnlyPresenceSince(moderator, session, before);
    }

    [Fact]
    public async Task Resync_gives_exactly_the_missed_events_or_a_snapshot_when_they_are_gone()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        await using var follower = await platform.Server.ConnectAsync();
        var view = await follower.JoinSessionAsync(session);
        var (epoch, seq) = (view.Epoch, view.LastSeq);

        await follower.LeaveSessionAsync(session);
        await moderator.SetAgendaAsync(session, [ForumFaker.Item(id: "a")]);
        await moderator.SetAgendaAsync(session, [ForumFaker.Item(id: "a"), ForumFaker.Item(id: "b")]);
        await moderator.SetCurrentItemAsync(session, "b");

        var missed = await follower.ResyncAsync(session, epoch, seq);
        Assert.Null(missed.Snapshot);
        Assert.Equal(seq + 1, missed.Events![0].Seq);
        AssertContiguous(missed.Events);
        Assert.Equal(
            [SessionEventTypes.AgendaChanged, SessionEventTypes.AgendaChanged, SessionEventTypes.CurrentItemChanged],
            missed.Events.Where(e => Changes([e]) == 1).Select(e => e.Type));

        var upToDate = await follower.ResyncAsync(session, epoch, missed.Events[^1].Seq);
        Assert.All(upToDate.Events!, e => Assert.Equal(SessionEventTypes.PresenceChanged, e.Type));

        var otherEpoch = await follower.ResyncAsync(session, epoch - 1, seq);
        Assert.NotNull(otherEpoch.Snapshot);
        Assert.Equal(["a", "b"], otherEpoch.Snapshot.Agenda.Select(a => a.Id));
        Assert.Equal("b", otherEpoch.Snapshot.CurrentItemId);
    }

    [Fact]
    public async Task A_follower_that_misses_events_repairs_the_gap_by_itself()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        await using var follower = await platform.Server.ConnectAsync();
        var view = await follower.JoinSessionAsync(session);
        var events = Record(view);

        // Out of the group behind the SDK's back: the next events never reach it...
        await follower.Connection.InvokeAsync("LeaveSession", session);
        await moderator.SetAgendaAsync(session, [ForumFaker.Item(id: "x")]);
        await moderator.SetAgendaAsync(session, [ForumFaker.Item(id: "x"), ForumFaker.Item(id: "y")]);
        // ...then back in: the next event shows a hole, which the SDK fills with Resync.
        await follower.Connection.InvokeAsync<object>("JoinSession", session);
        await moderator.SetCurrentItemAsync(session, "y");

        await view.WaitUntilAsync(v => v.CurrentItemId == "y" && v.Agenda.Count == 2, Patience);
        Assert.Equal(1, view.GapsDetected);
        Assert.Equal(0, view.SnapshotsTaken);
        AssertContiguous(events);
        Assert.Equal(3, Changes(events));
    }

    [Fact]
    public async Task A_follower_whose_connection_drops_reconnects_and_resyncs_without_a_gap()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        await using var proxy = new LoopbackProxy(platform.Server.BaseUri.Port);
        await using var follower = new ForumClient(proxy.BaseUri, new ForumClientOptions
        {
            ReconnectDelays = [TimeSpan.FromMilliseconds(100), TimeSpan.FromMilliseconds(250)],
        });
        var reconnected = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        follower.Connection.Reconnected += _ =>
        {
            reconnected.TrySetResult();
            return Task.CompletedTask;
        };
        await follower.StartAsync();
        var view = await follower.JoinSessionAsync(session);
        var events = Record(view);

        Assert.True(proxy.DropAll() > 0);
        // Changes while the follower is away.
        await moderator.SetAgendaAsync(session, [ForumFaker.Item(id: "p")]);
        await moderator.SetAgendaAsync(session, [ForumFaker.Item(id: "p"), ForumFaker.Item(id: "q")]);
        await reconnected.Task.WaitAsync(Patience);
        await moderator.SetCurrentItemAsync(session, "q");

        await view.WaitUntilAsync(v => v.CurrentItemId == "q" && v.Agenda.Select(a => a.Id).SequenceEqual(["p", "q"]), Patience);
        Assert.Equal(1, follower.Reconnects);
        Assert.True(view.Resyncs >= 1);
        AssertContiguous(events);
        Assert.Equal(3, Changes(events));
    }

    [Fact]
    public async Task Drafts_cannot_be_followed_by_the_public()
    {
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var draft = await organizer.CreateSessionAsync(ForumFaker.Session());
        await using var anonymous = await platform.Server.ConnectAsync();
        var error = await Assert.ThrowsAsync<HubException>(() => anonymous.JoinSessionAsync(draft.Id));
        Assert.Contains("no session", error.Message, StringComparison.Ordinal);

        await using var organizerClient = await platform.Server.ConnectAsync(organizer.AccessToken);
        Assert.Equal(SessionStatus.Draft, (await organizerClient.JoinSessionAsync(draft.Id)).Session.Status);
    }

    [Fact]
    public async Task A_client_that_skips_the_negotiation_connects_in_one_request_signed_in_or_not()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var asker = await platform.NewParticipantAsync();

        // The usual client negotiates first (so the count below would see a negotiation if there were one).
        var negotiations = new NegotiationCounter();
        await using (var usual = await platform.Server.ConnectAsync(configure: o => o.HttpMessageHandlerFactory = () => negotiations.Handler()))
        {
            await usual.JoinSessionAsync(session);
        }

        Assert.True(negotiations.Count >= 1);
        var before = negotiations.Count;

        await using var anonymous = await platform.Server.ConnectAsync(configure: o =>
        {
            o.SkipNegotiation = true;
            o.HttpMessageHandlerFactory = () => negotiations.Handler();
        });
        await using var signedIn = await platform.Server.ConnectAsync(asker.AccessToken, o =>
        {
            o.SkipNegotiation = true;
            o.HttpMessageHandlerFactory = () => negotiations.Handler();
        });
        var view = await anonymous.JoinSessionAsync(session);
        await signedIn.JoinSessionAsync(session);

        // The token went with the WebSocket: the signed-in client may ask, and the anonymous one sees it.
        var asked = await signedIn.AskQuestionAsync(session, "skip-negotiation", "Does a kiosk need two requests to follow a session?");
        await view.WaitUntilAsync(v => v.Questions.Questions.Any(q => q.Id == asked.QuestionId), Patience);
        Assert.Equal(before, negotiations.Count);
    }

    private sealed class NegotiationCounter
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public HttpMessageHandler Handler() => new Counting(this);

        private sealed class Counting(NegotiationCounter counter) : DelegatingHandler(new SocketsHttpHandler())
        {
            protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
            {
                if (request.RequestUri?.AbsolutePath.EndsWith("/negotiate", StringComparison.Ordinal) == true)
                {
                    Interlocked.Increment(ref counter._count);
                }

                return base.SendAsync(request, cancellationToken);
            }
        }
    }

    [Fact]
    public async Task Targeted_edits_reach_followers_as_edits_and_every_follower_holds_the_stored_agenda()
    {
        var (session, moderator) = await NewLiveSession();
        await using var _ = moderator;
        var clients = await Task.WhenAll(Enumerable.Range(0, 5).Select(_ => platform.Server.ConnectAsync()));
        try
        {
            var views = await Task.WhenAll(clients.Select(c => c.JoinSessionAsync(session)));
            var applied = views.Select(Record).ToList();

            var agenda = await moderator.AddAgendaItemAsync(session, ForumFaker.Item());
            for (var i = 0; i < 4; i++)
            {
                agenda = await moderator.AddAgendaItemAsync(session, ForumFaker.Item(), i % 2 == 0 ? agenda[0].Id : null);
            }

            agenda = await moderator.MoveAgendaItemAsync(session, agenda[^1].Id, 0);
            agenda = await moderator.SetItemMinutesAsync(session, agenda[2].Id, agenda[2].Minutes + 7);
            agenda = await moderator.RemoveAgendaItemAsync(session, agenda[1].Id);
            agenda = await moderator.AddAgendaItemAsync(session, ForumFaker.Item(), agenda[^1].Id);

            var stored = Json(agenda);
            await Task.WhenAll(views.Select(v => v.WaitUntilAsync(s => Json(s.Agenda) == stored, Patience)));
            foreach (var (view, events) in views.Zip(applied))
            {
                AssertContiguous(events);
                Assert.Equal(0, view.SnapshotsTaken);
                Assert.Equal(0, view.EventsNotApplicable);
                // Nine edits, none sending the whole agenda: an added or changed item, or none (a move, a removal).
                var edits = events.Where(e => e.Type == SessionEventTypes.AgendaEdited).Select(e => (AgendaEdited)LiveSession.DataOf(e)!).ToList();
                Assert.Equal(9, edits.Count);
                Assert.DoesNotContain(events, e => e.Type == SessionEventTypes.AgendaChanged);
                Assert.Equal([1, 1, 1, 1, 1, 0, 1, 0, 1], edits.Select(e => e.Items.Count));
            }
        }
        finally
        {
            await Task.WhenAll(clients.Select(c => c.DisposeAsync().AsTask()));
        }
    }

    private static string Json(IReadOnlyList<AgendaItem> agenda) => System.Text.Json.JsonSerializer.Serialize(agenda);

    private Task<(string Session, ForumClient Moderator)> NewLiveSession() => LiveSessions.StartWithNewModerator(platform.Server);

    private static ConcurrentQueue<SessionEvent> Record(LiveSession view)
    {
        var events = new ConcurrentQueue<SessionEvent>();
        view.EventApplied += (_, e) => events.Enqueue(e);
        return events;
    }

    /// <summary>Applied once each, in order, with no hole.</summary>
    private static void AssertContiguous(IReadOnlyCollection<SessionEvent> events)
    {
        var seqs = events.Select(e => e.Seq).ToList();
        Assert.Equal(Enumerable.Range((int)seqs[0], seqs.Count).Select(i => (long)i), seqs);
    }

    /// <summary>The moderators' changes among the events (presence and timeline come with them).</summary>
    private static int Changes(IEnumerable<SessionEvent> events) =>
        events.Count(e => e.Type is SessionEventTypes.AgendaChanged or SessionEventTypes.CurrentItemChanged);

    /// <summary>What a refused command must not have changed: the events since are only presence.</summary>
    private static async Task AssertOnlyPresenceSince(ForumClient client, string session, SessionSnapshot before)
    {
        var since = await client.ResyncAsync(session, before.Epoch, before.Seq);
        Assert.NotNull(since.Events);
        Assert.All(since.Events, e => Assert.Equal(SessionEventTypes.PresenceChanged, e.Type));
    }
}
