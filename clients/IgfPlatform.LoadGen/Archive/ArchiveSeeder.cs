using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using HdrHistogram;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.LoadGen.Archive;

/// <summary>What seeding did and how fast.</summary>
public sealed record SeedingResult(
    int Wanted,
    int AlreadyPublished,
    int Published,
    int Failed,
    double Seconds,
    double PerSecond,
    int Parallelism,
    int Moderators,
    int Speeches,
    IReadOnlyDictionary<string, int> Languages,
    IReadOnlyList<LatencyRow> Steps,
    IReadOnlyList<string> FirstErrors);

/// <summary>
/// Makes the archive through the public API, as organizers and moderators would: each session is
/// created, given a moderator and scheduled by the organizer (HTTP), its speakers put on the list,
/// started, given the floor in turn and ended by its moderator (hub), then its text saved and
/// published (HTTP). Moderators are the demo participants, each over its own hub connection.
/// A session already there (a resumed seeding) is taken on from the state it is in.
/// </summary>
public sealed class ArchiveSeeder(Uri url, Options options) : IDisposable
{
    private static readonly string[] StepNames = ["create", "moderators", "schedule", "add speakers", "start", "speeches", "end", "save text", "publish", "session total"];
    private readonly ConcurrentDictionary<string, LongConcurrentHistogram> _steps = new(StringComparer.Ordinal);
    private readonly ConcurrentQueue<string> _errors = new();
    private readonly SocketsHttpHandler _handler = new() { MaxConnectionsPerServer = 256, PooledConnectionLifetime = TimeSpan.FromMinutes(10) };

    public void Dispose() => _handler.Dispose();

    public async Task<SeedingResult> Run(int alreadyPublished, CancellationToken ct)
    {
        var count = options.Proceedings;
        Console.WriteLine($"[archive] seeding up to {count} published proceedings ({alreadyPublished} already there), {options.Parallelism} at a time, {options.Moderators} moderators");
        var organizer = new ForumApi(new HttpClient(_handler, disposeHandler: false) { BaseAddress = url });
        await organizer.LoginAsync("organizer@demo.igf.example", options.Password, ct);

        var moderators = new Moderator[Math.Min(options.Moderators, options.Participants)];
        using (var gate = new SemaphoreSlim(8))
        {
            await Task.WhenAll(Enumerable.Range(0, moderators.Length).Select(async i =>
            {
                await gate.WaitAsync(ct);
                try
                {
                    var api = new ForumApi(new HttpClient(_handler, disposeHandler: false) { BaseAddress = url });
                    var auth = await api.LoginAsync($"participant{i + 1:D3}@demo.igf.example", options.Password, ct);
                    var hub = new ForumClient(url, new ForumClientOptions { AccessTokenProvider = () => api.GetAccessTokenAsync() });
                    await hub.StartAsync(ct);
                    moderators[i] = new Moderator(auth.ParticipantId, api, hub);
                }
                finally
                {
                    gate.Release();
                }
            }));
        }

        // What an earlier seeding made: published sessions are skipped without a call, others taken on.
        var known = (await organizer.GetSessionsAsync(string.Empty, ct)).ToDictionary(s => s.Id, s => s.Status, StringComparer.Ordinal);

        var next = -1;
        var published = 0;
        var failed = 0;
        var speeches = 0;
        var languages = new ConcurrentDictionary<string, int>(StringComparer.Ordinal);
        var clock = Stopwatch.StartNew();
        var progress = Task.Run(async () =>
        {
            while (!ct.IsCancellationRequested && Volatile.Read(ref next) < count)
            {
                await Task.Delay(TimeSpan.FromSeconds(10), ct).ContinueWith(_ => { }, TaskScheduler.Default);
                var done = Volatile.Read(ref published);
                Console.WriteLine($"[archive] {clock.Elapsed:mm\\:ss} {done} published ({done / clock.Elapsed.TotalSeconds:0.0}/s), {Volatile.Read(ref failed)} failed");
            }
        }, CancellationToken.None);

        try
        {
            await Task.WhenAll(Enumerable.Range(0, options.Parallelism).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count && !ct.IsCancellationRequested)
                {
                    var session = ArchiveCorpus.Session(i);
                    if (known.GetValueOrDefault(session.Id, SessionStatus.Draft) == SessionStatus.Published)
                    {
                        continue;
                    }

                    var moderator = moderators[i % moderators.Length];
                    var started = Stopwatch.GetTimestamp();
                    try
                    {
                        if (await Make(organizer, moderator, session, ct))
                        {
                            Interlocked.Increment(ref published);
                            Interlocked.Add(ref speeches, session.Speakers.Count);
                            languages.AddOrUpdate(session.Language, 1, (_, n) => n + 1);
                            Record("session total", started);
                        }
                    }
                    catch (Exception ex) when (!ct.IsCancellationRequested)
                    {
                        Interlocked.Increment(ref failed);
                        if (_errors.Count < 10)
                        {
                            _errors.Enqueue($"{session.Id}: {ex.GetType().Name}: {ex.Message}");
                        }
                    }
                }
            }, ct)));
        }
        finally
        {
            Volatile.Write(ref next, int.MaxValue);
            await progress;
            await Task.WhenAll(moderators.Where(m => m is not null).Select(m => m.Hub.DisposeAsync().AsTask()));
        }

        var seconds = clock.Elapsed.TotalSeconds;
        return new SeedingResult(
            count, alreadyPublished, published, failed, Math.Round(seconds, 1), Math.Round(published / seconds, 1), options.Parallelism, moderators.Length, speeches,
            new SortedDictionary<string, int>(languages, StringComparer.Ordinal),
            [.. StepNames.Where(_steps.ContainsKey).Select(s => LatencyRow.Of(s, _steps[s], seconds))],
            [.. _errors]);
    }

    /// <summary>Takes one session from wherever it is to published; false when it already was.</summary>
    private async Task<bool> Make(ForumApi organizer, Moderator moderator, CorpusSession s, CancellationToken ct)
    {
        SessionStatus status;
        string moderatorId;
        var fresh = true;
        try
        {
            var t = Stopwatch.GetTimestamp();
            await organizer.CreateSessionAsync(
                new NewSession(s.Id, s.Title, s.Type, s.Topics, s.StartsAt, s.DurationMinutes, s.Description), ct);
            Record("create", t);
            status = SessionStatus.Draft;
            moderatorId = moderator.ParticipantId;
        }
        catch (ForumApiException ex) when (ex.Status == HttpStatusCode.Conflict)
        {
            // Made by an earlier, interrupted seeding: carry on from its state, with its moderator.
            var details = await organizer.GetSessionAsync(s.Id, ct);
            status = details.Status;
            fresh = false;
            moderatorId = details.Moderators.Count > 0 ? details.Moderators[0] : moderator.ParticipantId;
        }

        if (status == SessionStatus.Published)
        {
            return false;
        }

        if (moderatorId != moderator.ParticipantId)
        {
            throw new InvalidOperationException($"An earlier seeding gave {s.Id} another moderator ({moderatorId}); run with the same --moderators.");
        }

        if (status == SessionStatus.Draft)
        {
            await Step("moderators", () => organizer.SetModeratorsAsync(s.Id, [moderator.ParticipantId], ct));
            await Step("schedule", () => organizer.ScheduleSessionAsync(s.Id, ct));
            status = SessionStatus.Scheduled;
        }

        var hub = moderator.Hub;
        if (status == SessionStatus.Scheduled)
        {
            // The speakers' list as the moderator keeps it for people in the room and remote hubs;
            // the client request ids make a resumed seeding add no one twice.
            var entries = new List<long>();
            await Step("add speakers", async () =>
            {
                for (var k = 0; k < s.Speakers.Count; k++)
                {
                    entries.Add((await hub.AddFloorEntryAsync(s.Id, $"seed-{k}", s.Speakers[k], ct)).EntryId);
                }
            });
            await Step("start", () => hub.StartSessionAsync(s.Id, ct));
            await Step("speeches", async () =>
            {
                foreach (var entry in entries)
                {
                    await hub.GiveFloorAsync(s.Id, entry, "In the order of the speakers' list.", ct);
                }

                if (entries.Count > 0)
                {
                    await hub.EndSpeechAsync(s.Id, ct);
                }
            });
            status = SessionStatus.Live;
        }

        if (status == SessionStatus.Live)
        {
            await Step("end", () => hub.EndSessionAsync(s.Id, ct));
        }

        // A new session's draft is at revision 0 with no version; a resumed one is read first.
        var (revision, versions) = fresh ? (0, 0) : await Draft(moderator.Api, s.Id, ct);
        if (versions == 0)
        {
            await Step("save text", () => moderator.Api.SaveProceedingsTextAsync(s.Id, s.Text, revision, ct));
            await Step("publish", () => moderator.Api.PublishProceedingsAsync(s.Id, ct: ct));
        }

        return true;
    }

    private static async Task<(int Revision, int Versions)> Draft(ForumApi api, string sessionId, CancellationToken ct)
    {
        var draft = await api.GetProceedingsDraftAsync(sessionId, ct);
        return (draft.Revision, draft.Versions.Count);
    }

    private async Task Step(string name, Func<Task> action)
    {
        var started = Stopwatch.GetTimestamp();
        await action();
        Record(name, started);
    }

    private void Record(string step, long started) =>
        _steps.GetOrAdd(step, _ => new LongConcurrentHistogram(1, TimeSpan.FromMinutes(10).Ticks / 10, 3))
            .RecordValue(Math.Max(1, (long)Stopwatch.GetElapsedTime(started).TotalMicroseconds));

    private sealed record Moderator(string ParticipantId, ForumApi Api, ForumClient Hub);
}
