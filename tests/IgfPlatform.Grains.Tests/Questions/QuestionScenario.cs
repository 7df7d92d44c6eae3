using System.Diagnostics;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Tests.Live;

namespace IgfPlatform.Grains.Tests.Questions;

/// <summary>
/// A session (with its organizer and moderator) and its question board, watched by a test relay, with the
/// ledger the board stores in.
/// </summary>
public sealed class QuestionScenario : IDisposable
{
    private readonly IClusterClient _client;

    private readonly long _attachedAtSeq;

    private QuestionScenario(IClusterClient client, InMemoryQuestionLedger ledger, SessionScenario session, RelayHandle relay, long attachedAtSeq)
    {
        _client = client;
        _attachedAtSeq = attachedAtSeq;
        Ledger = ledger;
        Session = session;
        Handle = relay;
        Board = client.GetGrain<IQuestionBoardGrain>(session.SessionId);
    }

    public SessionScenario Session { get; }

    public string SessionId => Session.SessionId;

    public string ModeratorId => Session.ModeratorId;

    public IQuestionBoardGrain Board { get; }

    public InMemoryQuestionLedger Ledger { get; }

    public RelayHandle Handle { get; }

    public TestRelay Relay => Handle.Relay;

    public static async Task<QuestionScenario> Create(
        IClusterClient client, InMemoryQuestionLedger ledger, SessionStatus status = SessionStatus.Live)
    {
        var session = await SessionScenario.Create(client, status, agendaItems: 1);
        var relay = new RelayHandle(client);
        await session.Grain.AttachRelay("server-a", relay.Reference);
        return new QuestionScenario(client, ledger, session, relay, (await session.Grain.GetSnapshot()).Seq);
    }

    public Task<ParticipantProfile> Participant() => Forum.Register(_client);

    public async Task<IReadOnlyList<ParticipantProfile>> Participants(int count) =>
        await Task.WhenAll(Enumerable.Range(0, count).Select(_ => Participant()));

    /// <summary>A question asked by a new participant (approved unless pre-moderation is on).</summary>
    public async Task<AskResult> Asked(string? text = null, bool anonymous = false)
    {
        var asker = await Participant();
        return await Board.Ask(asker.ParticipantId, Forum.NewId("req"), text ?? Asking.Text(), anonymous);
    }

    /// <summary>The question events a command led to, as the relay received them.</summary>
    public async Task<IReadOnlyList<SessionEvent>> EventsOf(Func<Task> command) =>
        (await Session.EventsOf(Relay, command)).Where(e => SessionEventTypes.IsQuestionEvent(e.Type)).ToList();

    /// <summary>Every question event of the session so far, once the relay has received them all.</summary>
    public async Task<IReadOnlyList<SessionEvent>> QuestionEvents()
    {
        var snapshot = await Session.Grain.GetSnapshot();
        if (snapshot.Seq > _attachedAtSeq)
        {
            await Relay.WaitFor(snapshot.Epoch, snapshot.Seq);
        }

        return Relay.Batches.Where(b => b.Epoch == snapshot.Epoch).SelectMany(b => b.Events)
            .Where(e => SessionEventTypes.IsQuestionEvent(e.Type)).ToList();
    }

    public async Task<QuestionView?> Seen(string questionId, string? participantId = null) =>
        (await Board.GetBoard(participantId, QuestionOrder.Time)).Questions.SingleOrDefault(q => q.Id == questionId);

    public async Task<ModeratedQuestion> Moderated(string questionId) =>
        (await Board.GetModeration(ModeratorId)).Single(m => m.Question.Id == questionId);

    public void Dispose() => Handle.Dispose();
}

/// <summary>Texts, refusals and waiting, for the question tests.</summary>
public static class Asking
{
    private static readonly string[] Subjects =
    [
        "spam", "interconnection costs", "internationalized domain names", "privacy", "capacity building",
        "affordable access", "root servers", "IPv6 deployment", "consumer protection",
    ];

    /// <summary>A question nobody else asks (its number makes it unique).</summary>
    public static string Text() =>
        $"What does {Random.Shared.GetItems(Subjects, 1)[0]} mean for the next billion users? (#{Guid.NewGuid():N})";

    public static async Task<ForumException> Refused(Func<Task> command, ForumErrorKind kind)
    {
        var ex = await Assert.ThrowsAsync<ForumException>(command);
        Assert.Equal(kind, ex.Kind);
        Assert.False(string.IsNullOrWhiteSpace(ex.Message));
        return ex;
    }

    /// <summary>Waits (asking again at once, within <see cref="Forum.Timeout"/>) until <paramref name="condition"/> holds.</summary>
    public static async Task Until(Func<Task<bool>> condition, string what)
    {
        var clock = Stopwatch.StartNew();
        while (!await condition())
        {
            if (clock.Elapsed > Forum.Timeout)
            {
                throw new TimeoutException($"Still not so after {Forum.Timeout}: {what}");
            }

            await Task.Yield();
        }
    }

    public static bool IsVotePush(SessionEvent e) => e.Type == SessionEventTypes.QuestionVotesChanged;

    public static IReadOnlyDictionary<string, int> VotesIn(SessionEvent e) => ((QuestionVotesChanged)e.Data).Votes;
}
