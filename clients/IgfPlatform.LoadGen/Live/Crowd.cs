using System.Collections.Concurrent;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.LoadGen.Live;

/// <summary>Refusals and failures counted by their message, so that a report says what went wrong, not only how often.</summary>
public sealed class ErrorTally
{
    private readonly ConcurrentDictionary<string, long> _byMessage = new(StringComparer.Ordinal);

    public long Total => _byMessage.Values.Sum();

    public IReadOnlyDictionary<string, long> ByMessage => new SortedDictionary<string, long>(_byMessage, StringComparer.Ordinal);

    public void Add(string where, Exception ex) => Add(where, (ex is AggregateException { InnerException: { } inner } ? inner : ex).Message);

    public void Add(string where, string message)
    {
        var line = message.Split('\n')[0].Trim();
        _byMessage.AddOrUpdate($"{where}: {(line.Length > 200 ? line[..200] : line)}", 1, (_, n) => n + 1);
    }
}

/// <summary>The session and the people of a live scenario: the demo's organizer, moderator and participants.</summary>
public static class Crowd
{
    /// <summary>The demo data's participant accounts (participant001..200).</summary>
    public const int DemoParticipants = 200;

    /// <summary>Connections opened at once while the crowd gathers (not a join storm: that is the join scenario).</summary>
    private const int ConnectAtOnce = 32;

    /// <summary>Creates, schedules and starts a session moderated by the demo moderator.</summary>
    public static async Task<(string SessionId, ForumApi Moderator)> StartSession(Uri url, Options options, string what, CancellationToken ct)
    {
        var organizer = ForumClient.CreateApi(url);
        await organizer.LoginAsync("organizer@demo.igf.example", options.Password, ct);
        var moderator = ForumClient.CreateApi(url);
        await moderator.LoginAsync("moderator@demo.igf.example", options.Password, ct);
        var session = await organizer.CreateSessionAsync(new NewSession(
            null, $"Load test: {what} {DateTimeOffset.UtcNow:yyyy-MM-dd HH:mm:ss}", SessionType.MainSession, ["critical-internet-resources"],
            DateTimeOffset.UtcNow, 180, "Remote participation at the scale of a main session."), ct);
        await organizer.SetModeratorsAsync(session.Id, [(await moderator.GetMeAsync(ct)).ParticipantId], ct);
        await organizer.ScheduleSessionAsync(session.Id, ct);
        await using var desk = Client(url, moderator.AccessToken);
        await desk.StartAsync(ct);
        await desk.StartSessionAsync(session.Id, ct);
        return (session.Id, moderator);
    }

    /// <summary>
    /// Tokens for the first <c>--signed-in</c> participants (one sign-in each, used on one connection);
    /// null for the others, who follow anonymously.
    /// </summary>
    public static async Task<string?[]> SignIn(Uri url, Options options, int participants, CancellationToken ct)
    {
        var count = Math.Min(Math.Min(options.SignedIn, participants), DemoParticipants);
        var tokens = new string?[participants];
        using var gate = new SemaphoreSlim(8);
        await Task.WhenAll(Enumerable.Range(0, count).Select(async i =>
        {
            await gate.WaitAsync(ct);
            try
            {
                var api = ForumClient.CreateApi(url);
                await api.LoginAsync($"participant{i + 1:D3}@demo.igf.example", options.Password, ct);
                tokens[i] = api.AccessToken;
            }
            finally
            {
                gate.Release();
            }
        }));
        return tokens;
    }

    public static ForumClient Client(Uri url, string? token, bool skipNegotiation = false) =>
        new(url, new ForumClientOptions
        {
            AccessTokenProvider = token is null ? null : () => Task.FromResult<string?>(token),
            SkipNegotiation = skipNegotiation,
        });

    /// <summary>
    /// Opens one connection per token (null: anonymous) and runs <paramref name="then"/> on each, a few
    /// at a time. A participant that fails is counted in <paramref name="errors"/> and left out (null).
    /// </summary>
    public static async Task<ForumClient?[]> Gather(Uri url, string?[] tokens, Func<int, ForumClient, Task> then, bool skipNegotiation, ErrorTally errors, CancellationToken ct)
    {
        var clients = new ForumClient?[tokens.Length];
        using var gate = new SemaphoreSlim(ConnectAtOnce);
        await Task.WhenAll(Enumerable.Range(0, tokens.Length).Select(async i =>
        {
            await gate.WaitAsync(ct);
            var client = Client(url, tokens[i], skipNegotiation);
            try
            {
                await client.StartAsync(ct);
                await then(i, client);
                clients[i] = client;
            }
            catch (Exception ex) when (!ct.IsCancellationRequested)
            {
                errors.Add("connect and join", ex);
                await client.DisposeAsync();
            }
            finally
            {
                gate.Release();
            }
        }));
        return clients;
    }

    public static async Task Dismiss(IEnumerable<ForumClient?> clients)
    {
        using var gate = new SemaphoreSlim(64);
        await Task.WhenAll(clients.Where(c => c is not null).Select(async c =>
        {
            await gate.WaitAsync();
            try
            {
                await c!.DisposeAsync();
            }
            catch (Exception)
            {
                // Closing at the end: nothing left to measure.
            }
            finally
            {
                gate.Release();
            }
        }));
    }
}
