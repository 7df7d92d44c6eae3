using System.Net.Http.Json;
using IgfPlatform.Client.Proceedings;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Operations.Tests.Backup;

/// <summary>What people see of a platform's data, read through the public API, to compare two platforms.</summary>
public sealed record ForumSnapshot(
    IReadOnlyList<string> Sessions,
    IReadOnlyList<string> Questions,
    IReadOnlyDictionary<string, IReadOnlyList<string>> PublishedChains,
    string ModeratorName)
{
    public const string OrganizerEmail = "organizer@demo.igf.example";
    public const string ModeratorEmail = "moderator@demo.igf.example";
    public const string DemoPassword = "IgfDemo!2026";
    public const string LiveSessionId = "main-session-critical-internet-resources";

    /// <summary>
    /// Reads the calendar (as the organizer, drafts included), the live session's questions, and the
    /// hash chain of every published session, checking that each chain verifies.
    /// </summary>
    public static async Task<ForumSnapshot> ReadAsync(Uri platform)
    {
        var organizer = IgfPlatform.Client.Live.ForumClient.CreateApi(platform);
        await organizer.LoginAsync(OrganizerEmail, DemoPassword);
        var sessions = await organizer.GetSessionsAsync();

        using var http = new HttpClient { BaseAddress = platform };
        var board = await http.GetFromJsonAsync<QuestionBoardView>($"api/sessions/{LiveSessionId}/questions", ForumJson.Options)
            ?? throw new InvalidOperationException("No question board.");

        var chains = new SortedDictionary<string, IReadOnlyList<string>>(StringComparer.Ordinal);
        foreach (var session in sessions.Where(s => s.Status == SessionStatus.Published))
        {
            var report = await ArchiveVerifier.VerifyAsync(organizer, session.Id);
            Assert.True(report.Valid, $"The proceedings of {session.Id} do not verify.");
            chains[session.Id] = report.Versions.Select(v => v.Hash).ToList();
        }

        var moderator = IgfPlatform.Client.Live.ForumClient.CreateApi(platform);
        await moderator.LoginAsync(ModeratorEmail, DemoPassword);
        return new ForumSnapshot(
            sessions.Select(s => $"{s.Id} {s.Status}").Order(StringComparer.Ordinal).ToList(),
            board.Questions.Select(q => $"{q.Id} {q.Status} {q.Upvotes}").Order(StringComparer.Ordinal).ToList(),
            chains,
            (await moderator.GetMeAsync()).DisplayName);
    }

    public void AssertSameAs(ForumSnapshot other)
    {
        Assert.Equal(Sessions, other.Sessions);
        Assert.Equal(Questions, other.Questions);
        Assert.Equal(PublishedChains.Keys, other.PublishedChains.Keys);
        foreach (var (session, chain) in PublishedChains)
        {
            Assert.Equal(chain, other.PublishedChains[session]);
        }

        Assert.Equal(ModeratorName, other.ModeratorName);
    }
}
