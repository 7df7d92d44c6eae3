using System.Net;
using System.Net.Http.Headers;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Azure.Storage.Blobs;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Live;
using IgfPlatform.Client.Proceedings;
using IgfPlatform.Contracts.Live;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Proceedings;
using IgfPlatform.Testing;
using Microsoft.AspNetCore.SignalR.Client;

namespace IgfPlatform.Server.Tests.Proceedings;

/// <summary>Proceedings from a real session, published, chained, served, searched, exported, verified and taken down.</summary>
[Collection(PlatformCollection.Name)]
public sealed class ArchiveHttpTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(15);

    /// <summary>A session held with one speech and one question, then ended; its moderator connected.</summary>
    private async Task<(string Session, ForumApi ModeratorApi, ForumClient Moderator)> HeldSession(string subject)
    {
        var (session, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(platform.Server);
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        await organizer.UpdateSessionAsync(session, new { title = $"{subject} {Guid.NewGuid():N}"[..60] });
        var moderator = await platform.Server.ConnectAsync(moderatorApi.AccessToken);
        await moderator.StartSessionAsync(session);

        var speakerApi = await platform.NewParticipantAsync();
        await using var speaker = await platform.Server.ConnectAsync(speakerApi.AccessToken);
        await speaker.JoinSessionAsync(session);
        await speaker.AskQuestionAsync(session, "q-1", "How do landlocked countries share interconnection costs?");
        var entry = await speaker.RequestFloorAsync(session, "f-1", FloorKind.Intervention, "On transit prices");
        var suggestion = await moderator.SuggestNextSpeakerAsync(session);
        Assert.Equal(entry.EntryId, suggestion!.Entry.EntryId);
        await moderator.GiveFloorAsync(session, entry.EntryId);
        await moderator.EndSpeechAsync(session);
        await moderator.EndSessionAsync(session);
        return (session, moderatorApi, moderator);
    }

    private static async Task<HttpResponseMessage> Get(ForumApi api, string path, string? ifNoneMatch = null)
    {
        var request = new HttpRequestMessage(HttpMethod.Get, path);
        if (ifNoneMatch is not null)
        {
            request.Headers.IfNoneMatch.Add(EntityTagHeaderValue.Parse(ifNoneMatch));
        }

        return await api.Http.SendAsync(request);
    }

    [Fact]
    public async Task Published_versions_chain_never_change_verify_and_are_served_searched_and_exported()
    {
        var (session, moderatorApi, moderator) = await HeldSession("Interconnection costs for landlocked developing countries");
        await using var _ = moderator;
        var anonymous = platform.Server.CreateApi();
        var stranger = await platform.NewParticipantAsync();

        // The draft is built from the session's log; only its moderators and organizers see it.
        var draft = await moderatorApi.GetProceedingsDraftAsync(session);
        var speech = Assert.Single(draft.Proceedings.Speeches);
        Assert.Equal(("Speaker 1", "remote"), (speech.Speaker, speech.Where));
        Assert.Equal(1, draft.Proceedings.Questions.Asked);
        Assert.Equal(1, draft.Proceedings.Floor.Speeches);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<ForumApiException>(() => stranger.GetProceedingsDraftAsync(session))).Status);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<ForumApiException>(() => anonymous.GetProceedingsDraftAsync(session))).Status);

        var text = new ProceedingsText(
            "Participants discussed **interconnection costs** for landlocked countries. <img src=x onerror=alert(1)>",
            ["Regional exchange points lower transit costs. <script>alert('x')</script>", "[Read more](javascript:alert(1))"],
            ["Publish transit prices openly."]);
        var saved = await moderatorApi.SaveProceedingsTextAsync(session, text, draft.Revision);
        Assert.Equal(draft.Revision + 1, saved.Revision);
        Assert.Equal(HttpStatusCode.Conflict, (await Assert.ThrowsAsync<ForumApiException>(() => moderatorApi.SaveProceedingsTextAsync(session, text, draft.Revision))).Status);

        // Version 1.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<ForumApiException>(() => anonymous.PublishProceedingsAsync(session))).Status);
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<ForumApiException>(() => stranger.PublishProceedingsAsync(session))).Status);
        var v1 = await moderatorApi.PublishProceedingsAsync(session);
        Assert.Equal((1, (string?)null), (v1.Version, v1.PreviousHash));
        using var first = await Get(anonymous, $"api/archive/{session}/v/1");
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        var bytes1 = await first.Content.ReadAsByteArrayAsync();
        Assert.Equal(v1.Hash, Convert.ToHexStringLower(SHA256.HashData(bytes1)));
        Assert.Equal($"\"{v1.Hash}\"", first.Headers.ETag?.ToString());
        Assert.True(first.Headers.CacheControl?.Extensions.Any(e => e.Name == "immutable"));
        Assert.Equal($"sha-256=:{Convert.ToBase64String(SHA256.HashData(bytes1))}:", first.Headers.GetValues("Content-Digest").Single());
        using var again = await Get(anonymous, $"api/archive/{session}/v/1", $"\"{v1.Hash}\"");
        Assert.Equal(HttpStatusCode.NotModified, again.StatusCode);
        Assert.Equal(SessionStatus.Published, (await anonymous.GetSessionAsync(session)).Status);

        // Version 2: a note is required; it names version 1 by its hash; version 1 is byte for byte the same.
        Assert.Equal(HttpStatusCode.BadRequest, (await Assert.ThrowsAsync<ForumApiException>(() => moderatorApi.PublishProceedingsAsync(session))).Status);
        var v2 = await moderatorApi.PublishProceedingsAsync(session, "Corrected the summary's spelling.");
        Assert.Equal((2, v1.Hash), (v2.Version, v2.PreviousHash));
        Assert.Equal(bytes1, await anonymous.GetProceedingsBytesAsync(session, 1));
        using var latest = await Get(anonymous, $"api/archive/{session}/latest");
        Assert.Equal(ArchiveUrls.Version(session, 2), latest.Content.Headers.ContentLocation?.ToString());
        var record2 = JsonSerializer.Deserialize<ProceedingsRecord>(await latest.Content.ReadAsByteArrayAsync(), CanonicalJson.Options)!;
        Assert.Equal((2, v1.Hash, "Corrected the summary's spelling."), (record2.Version, record2.PreviousHash, record2.Note));

        var report = await ArchiveVerifier.VerifyAsync(anonymous, session);
        Assert.True(report.Valid);
        Assert.Equal([VersionCheck.Verified, VersionCheck.Verified], report.Versions.Select(v => v.Check));

        // The record is what docs/proceedings.schema.json says it is.
        using var schema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "proceedings.schema.json")));
        using var published = JsonDocument.Parse(bytes1);
        Assert.Empty(SchemaConformance.Problems(schema.RootElement, published.RootElement));

        // What moderators typed is shown as text: no markup of theirs survives rendering.
        var rendered = await JsonSerializer.DeserializeAsync<RenderedText>(
            await (await Get(anonymous, $"api/archive/{session}/v/2/rendered")).Content.ReadAsStreamAsync(), ForumJson.Options);
        Assert.Contains("<strong>interconnection costs</strong>", rendered!.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<img", rendered.Summary, StringComparison.Ordinal);
        Assert.DoesNotContain("<script", rendered.Takeaways[0], StringComparison.Ordinal);
        Assert.Contains("&lt;script&gt;", rendered.Takeaways[0], StringComparison.Ordinal);
        Assert.DoesNotContain("javascript:", rendered.Takeaways[1], StringComparison.Ordinal);

        // Anyone finds it, filters it, and downloads it; the search is cached by ETag.
        var title = (await anonymous.GetSessionAsync(session)).Title;
        var found = await anonymous.SearchArchiveAsync("interconnection landlock", year: DateTimeOffset.UtcNow.Year);
        var hit = Assert.Single(found.Items, h => h.SessionId == session);
        Assert.Equal((2, v2.Hash, title), (hit.Version, hit.Hash, hit.Title));
        Assert.Contains(hit.Groups, g => g.Length > 0);
        Assert.DoesNotContain((await anonymous.SearchArchiveAsync("interconnection", year: 2001)).Items, h => h.SessionId == session);
        using var search = await Get(anonymous, "api/archive?q=interconnection");
        using var searchAgain = await Get(anonymous, "api/archive?q=interconnection", search.Headers.ETag!.ToString());
        Assert.Equal(HttpStatusCode.NotModified, searchAgain.StatusCode);

        using var json = JsonDocument.Parse(await (await Get(anonymous, "api/archive/export.json")).Content.ReadAsStreamAsync());
        using var exportSchema = JsonDocument.Parse(await File.ReadAllTextAsync(Path.Combine(RepoPaths.Root, "docs", "archive-export.schema.json")));
        Assert.Empty(SchemaConformance.Problems(exportSchema.RootElement, json.RootElement));
        var exported = json.RootElement.GetProperty("proceedings").EnumerateArray().Single(p => p.GetProperty("sessionId").GetString() == session);
        Assert.Equal(v2.Hash, exported.GetProperty("hash").GetString());
        var csv = await (await Get(anonymous, "api/archive/export.csv")).Content.ReadAsStringAsync();
        Assert.StartsWith("sessionId,version,title,", csv, StringComparison.Ordinal);
        Assert.Contains($"{session},2,", csv, StringComparison.Ordinal);
        var atom = XDocument.Parse(await (await Get(anonymous, "api/archive/feed.atom")).Content.ReadAsStringAsync());
        XNamespace a = "http://www.w3.org/2005/Atom";
        var item = atom.Root!.Elements(a + "entry").Single(e => e.Element(a + "title")!.Value == title);
        Assert.Equal("text", item.Element(a + "summary")!.Attribute("type")!.Value);
        Assert.Contains("<img src=x", item.Element(a + "summary")!.Value, StringComparison.Ordinal);

        // An anonymous reader cannot write.
        foreach (var (method, path) in new[]
        {
            (HttpMethod.Put, $"api/sessions/{session}/proceedings/draft"),
            (HttpMethod.Post, $"api/sessions/{session}/proceedings/versions"),
            (HttpMethod.Post, $"api/archive/{session}/v/1/takedown"),
        })
        {
            using var refused = await anonymous.Http.SendAsync(new HttpRequestMessage(method, path) { Content = new StringContent("{}", Encoding.UTF8, "application/json") });
            Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        }

        Assert.Equal(2, (await anonymous.GetProceedingsVersionsAsync(session)).Count);
    }

    [Fact]
    public async Task A_takedown_keeps_the_hash_and_a_record_altered_in_storage_is_detected()
    {
        var (session, moderatorApi, moderator) = await HeldSession("Spam and the developing world");
        await using var _ = moderator;
        var anonymous = platform.Server.CreateApi();
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var v1 = await moderatorApi.PublishProceedingsAsync(session);
        var v2 = await moderatorApi.PublishProceedingsAsync(session, "Added the calls to action.");

        // Only organizers take down; a reason is required; the chain keeps the hash; the content is gone (410).
        Assert.Equal(HttpStatusCode.Forbidden, (await Assert.ThrowsAsync<ForumApiException>(() => moderatorApi.TakeDownProceedingsAsync(session, 1, "Court order"))).Status);
        Assert.Equal(HttpStatusCode.BadRequest, (await Assert.ThrowsAsync<ForumApiException>(() => organizer.TakeDownProceedingsAsync(session, 1, " "))).Status);
        var down = await organizer.TakeDownProceedingsAsync(session, 1, "Court order 2026/17 (personal data of a third party)");
        Assert.Equal(v1.Hash, down.Hash);
        using var gone = await Get(anonymous, $"api/archive/{session}/v/1");
        Assert.Equal(HttpStatusCode.Gone, gone.StatusCode);
        Assert.Contains(v1.Hash, await gone.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var chain = await anonymous.GetProceedingsVersionsAsync(session);
        Assert.NotNull(chain[0].TakenDown);
        Assert.Equal(v1.Hash, chain[1].PreviousHash);
        var report = await ArchiveVerifier.VerifyAsync(anonymous, session);
        Assert.True(report.Valid);
        Assert.Equal([VersionCheck.TakenDown, VersionCheck.Verified], report.Versions.Select(v => v.Check));

        // Someone with access to the storage account rewrites version 3 after it was published.
        var v3 = await moderatorApi.PublishProceedingsAsync(session, "Attendance corrected.");
        var blob = new BlobServiceClient(platform.Azurite.ConnectionString)
            .GetBlobContainerClient(AzureArchiveStore.ContainerOf("igf-platform")).GetBlobClient($"{session}/v3.json");
        var stored = (await blob.DownloadContentAsync()).Value.Content.ToString();
        await blob.UploadAsync(BinaryData.FromString(stored.Replace("\"version\":3", "\"version\":3 ", StringComparison.Ordinal).Replace("Attendance corrected.", "Nothing changed.", StringComparison.Ordinal)), overwrite: true);

        using var altered = await Get(anonymous, $"api/archive/{session}/v/3");
        Assert.Equal(HttpStatusCode.InternalServerError, altered.StatusCode);
        Assert.Contains("does not match its hash", await altered.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        var failed = await ArchiveVerifier.VerifyAsync(anonymous, session);
        Assert.False(failed.Valid);
        Assert.Equal(VersionCheck.Failed, failed.Versions[2].Check);
        Assert.Equal(v2.Hash, failed.Versions[1].Hash);
        Assert.Equal(v3.Hash, failed.Versions[2].Hash);

        // The platform is still up and serves what was not altered.
        Assert.Equal(HttpStatusCode.OK, (await Get(anonymous, $"api/archive/{session}/v/2")).StatusCode);
    }

    [Fact]
    public async Task Publishing_is_pushed_to_the_sessions_followers_and_to_the_archives()
    {
        var (session, moderatorApi, moderator) = await HeldSession("Cybersecurity capacity building");
        await using var _ = moderator;
        await using var reader = await platform.Server.ConnectAsync();
        var live = await reader.JoinSessionAsync(session);
        var seen = new List<SessionEvent>();
        live.EventApplied += (_, e) =>
        {
            lock (seen)
            {
                seen.Add(e);
            }
        };
        var archived = new TaskCompletionSource<ProceedingsPublished>(TaskCreationOptions.RunContinuationsAsynchronously);
        reader.Connection.On<ArchiveEventBatch>("archiveEvents", batch =>
        {
            foreach (var e in batch.Events.Where(e => e.Type == ArchiveEventTypes.ProceedingsPublished))
            {
                var data = ((JsonElement)e.Data).Deserialize<ProceedingsPublished>(ForumJson.Options)!;
                if (data.SessionId == session)
                {
                    archived.TrySetResult(data);
                }
            }
        });
        var position = await reader.Connection.InvokeAsync<FeedPosition>("FollowArchive");

        var v1 = await moderatorApi.PublishProceedingsAsync(session);

        var pushed = await archived.Task.WaitAsync(Patience);
        Assert.Equal((1, v1.Hash, ArchiveUrls.Version(session, 1)), (pushed.Version, pushed.Hash, pushed.Url));
        await live.WaitUntilAsync(s => s.Session.Status == SessionStatus.Published, Patience);
        await live.WaitUntilAsync(_ => { lock (seen) { return seen.Any(e => e.Type == SessionEventTypes.ProceedingsPublished); } }, Patience);
        var missed = await reader.Connection.InvokeAsync<FeedResync>("ResyncArchive", position.Epoch, position.LastSeq);
        Assert.Contains(missed.Events!, e => e.Type == ArchiveEventTypes.ProceedingsPublished);
    }
}
