using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;
using IgfPlatform.Client.Http;
using IgfPlatform.Client.Proceedings;
using IgfPlatform.Contracts.Consultations;
using IgfPlatform.Contracts.Privacy;
using IgfPlatform.Contracts.Proceedings;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Tests.Identity;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Privacy;

/// <summary>A person's data: all of it exported to them, erased on request, and anonymous questions never attributed.</summary>
[Collection(PlatformCollection.Name)]
public sealed class PrivacyTests(PlatformFixture platform)
{
    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    [Fact]
    public async Task A_person_who_acted_everywhere_exports_it_all_then_erases_it_while_published_proceedings_still_verify()
    {
        // The person asks (named and anonymously), votes, speaks and follows a topic; someone else asks too.
        var person = ForumFaker.Person();
        var personApi = platform.Server.CreateApi();
        var registered = await personApi.RegisterAsync(person);
        var otherPerson = ForumFaker.Person();
        var otherApi = platform.Server.CreateApi();
        var other = await otherApi.RegisterAsync(otherPerson);
        var topic = (await personApi.GetTopicsAsync())[0].Slug;
        await personApi.SetFollowingTopicAsync(topic, true);
        var organizer = await platform.SignInAsync(PlatformFixture.OrganizerEmail);
        var consultation = (await organizer.OpenConsultationAsync(topic, new NewConsultation(
            "privacy-" + Guid.NewGuid().ToString("N")[..8], "Access for all", ["Everyone should be online.", "At a fair price."], DateTimeOffset.UtcNow.AddDays(7)))).Id;
        var contribution = await personApi.ContributeAsync(consultation, new ContributionDraft("c-1", 1, Stance.Agree, "Community networks make this real.", null));
        var othersContribution = await otherApi.ContributeAsync(consultation, new ContributionDraft("c-2", 2, Stance.Disagree, "Prices are for markets to set.", null));
        await personApi.ReportContributionAsync(consultation, othersContribution.Id);
        await otherApi.ReportContributionAsync(consultation, contribution.Id);

        var (session, moderatorApi) = await LiveSessions.ScheduleWithNewModerator(platform.Server);
        var moderatorId = (await moderatorApi.GetMeAsync()).ParticipantId;
        await using var moderator = await platform.Server.ConnectAsync(moderatorApi.AccessToken);
        await moderator.StartSessionAsync(session);
        await using var speaker = await platform.Server.ConnectAsync(personApi.AccessToken);
        await using var otherClient = await platform.Server.ConnectAsync(otherApi.AccessToken);
        await speaker.JoinSessionAsync(session);
        var named = await speaker.AskQuestionAsync(session, "q-named", "How do landlocked countries share interconnection costs?");
        var anonymous = await speaker.AskQuestionAsync(session, "q-anon", "Who audits the audit of the root zone?", anonymous: true);
        var othersQuestion = await otherClient.AskQuestionAsync(session, "q-other", "When will spam statistics be shared across borders?", anonymous: true);
        await speaker.UpvoteAsync(session, othersQuestion.QuestionId);
        await otherClient.UpvoteAsync(session, named.QuestionId);
        var entry = await speaker.RequestFloorAsync(session, "f-1", FloorKind.Intervention, "On transit prices");
        await moderator.GiveFloorAsync(session, entry.EntryId);
        await moderator.EndSpeechAsync(session);
        await moderator.EndSessionAsync(session);

        var draft = await moderatorApi.GetProceedingsDraftAsync(session);
        await moderatorApi.SaveProceedingsTextAsync(session, new ProceedingsText("Costs were discussed.", ["Exchange points help."], []), draft.Revision);
        await moderatorApi.PublishProceedingsAsync(session);
        var published = await platform.Server.CreateApi().GetProceedingsBytesAsync(session, 1);
        Assert.NotNull(published);

        // The export: a file with everything of theirs, and nobody else's identity.
        using var exportResponse = await Send(personApi, HttpMethod.Get, "api/me/export");
        Assert.Equal(HttpStatusCode.OK, exportResponse.StatusCode);
        Assert.Equal("attachment", exportResponse.Content.Headers.ContentDisposition?.DispositionType);
        var export = await exportResponse.Content.ReadAsStringAsync();
        using (var json = JsonDocument.Parse(export))
        {
            Assert.Equal(person.Email, json.RootElement.GetProperty("profile").GetProperty("email").GetString());
            Assert.NotEmpty(json.RootElement.GetProperty("account").GetProperty("signIns").EnumerateArray());
        }

        foreach (var expected in new[] { named.QuestionId, anonymous.QuestionId, "Who audits the audit of the root zone?", othersQuestion.QuestionId, "On transit prices", topic, session, "Community networks make this real.", othersContribution.Id })
        {
            Assert.Contains(expected, export, StringComparison.Ordinal);
        }

        foreach (var foreign in new[] { other.ParticipantId, otherPerson.DisplayName, otherPerson.Email, moderatorId })
        {
            Assert.DoesNotContain(foreign, export, StringComparison.Ordinal);
        }

        Assert.DoesNotContain("hash", export, StringComparison.OrdinalIgnoreCase);

        // A wrong password erases nothing.
        Assert.Equal(HttpStatusCode.Forbidden, (await Erase(personApi, "not the password")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await Send(personApi, HttpMethod.Get, "api/me")).StatusCode);

        // Erasure: connections close, tokens are refused, the address is free for someone new.
        var closed = SignInHub.Closed(speaker.Connection);
        Assert.Equal(HttpStatusCode.NoContent, (await Erase(personApi, person.Password)).StatusCode);
        await closed.WaitAsync(Patience);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Send(personApi, HttpMethod.Get, "api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().LoginAsync(person.Email, person.Password))).Status);
        var again = await platform.Server.CreateApi().RegisterAsync(person);
        Assert.NotEqual(registered.ParticipantId, again.ParticipantId);

        // Every public read: no name or id of theirs; their public question stays, by a former participant.
        using var anonymousHttp = new HttpClient { BaseAddress = platform.Server.BaseUri };
        var board = await anonymousHttp.GetStringAsync($"api/sessions/{session}/questions");
        var floor = await anonymousHttp.GetStringAsync($"api/sessions/{session}/floor");
        var followers = await anonymousHttp.GetStringAsync($"api/topics/{topic}");
        var contributions = await anonymousHttp.GetStringAsync($"api/consultations/{consultation}/contributions");
        foreach (var read in new[] { board, floor, followers, contributions })
        {
            Assert.DoesNotContain(registered.ParticipantId, read, StringComparison.Ordinal);
            Assert.DoesNotContain(person.DisplayName, read, StringComparison.Ordinal);
        }

        var questions = JsonSerializer.Deserialize<QuestionBoardView>(board, ForumJson.Options)!;
        Assert.Equal(FormerParticipant.Name, Assert.Single(questions.Questions, q => q.Id == named.QuestionId).AskerName);
        Assert.Equal(0, Assert.Single(questions.Questions, q => q.Id == othersQuestion.QuestionId).Upvotes);
        Assert.Contains(FormerParticipant.Name, contributions, StringComparison.Ordinal);
        var moderation = await moderator.GetModerationQueueAsync(session);
        Assert.DoesNotContain(moderation, m => m.AskerId == registered.ParticipantId || m.AskerName == person.DisplayName);

        // Proceedings published before: byte for byte the same, and they still verify.
        var anonymousApi = platform.Server.CreateApi();
        Assert.Equal(published, await anonymousApi.GetProceedingsBytesAsync(session, 1));
        var report = await ArchiveVerifier.VerifyAsync(anonymousApi, session);
        Assert.True(report.Valid);
        Assert.All(report.Versions, v => Assert.Equal(VersionCheck.Verified, v.Check));

        // A draft built now names nobody either.
        var laterDraft = JsonSerializer.Serialize(await moderatorApi.GetProceedingsDraftAsync(session));
        Assert.DoesNotContain(person.DisplayName, laterDraft, StringComparison.Ordinal);
        Assert.DoesNotContain(registered.ParticipantId, laterDraft, StringComparison.Ordinal);

        // A second erasure finds nothing to do: the old token no longer stands.
        Assert.Equal(HttpStatusCode.Unauthorized, (await Erase(personApi, person.Password)).StatusCode);

        // The moderator erased too: the session no longer lists them, who gave the floor is nobody's, the record stands.
        Assert.Equal(HttpStatusCode.NoContent, (await Erase(moderatorApi, ForumFaker.Password)).StatusCode);
        var details = await anonymousHttp.GetStringAsync($"api/sessions/{session}");
        Assert.DoesNotContain(moderatorId, details, StringComparison.Ordinal);
        Assert.Equal(published, await anonymousApi.GetProceedingsBytesAsync(session, 1));
        Assert.True((await ArchiveVerifier.VerifyAsync(anonymousApi, session)).Valid);
    }

    [Fact]
    public async Task An_anonymous_question_is_attributed_in_no_public_read_no_push_no_other_export_and_no_log_line()
    {
        var (session, moderator) = await LiveSessions.StartWithNewModerator(platform.Server);
        await using var _ = moderator;
        var asker = ForumFaker.Person();
        var askerApi = platform.Server.CreateApi();
        var askerId = (await askerApi.RegisterAsync(asker)).ParticipantId;
        var bystanderApi = await platform.NewParticipantAsync();
        await using var askerClient = await platform.Server.ConnectAsync(askerApi.AccessToken);
        await using var bystander = await platform.Server.ConnectAsync(bystanderApi.AccessToken);
        var bystanderView = await bystander.JoinSessionAsync(session);
        var pushed = new List<string>();
        bystanderView.EventApplied += (_, e) =>
        {
            lock (pushed)
            {
                pushed.Add(JsonSerializer.Serialize(e.Data));
            }
        };

        const string Text = "May a whistleblower ask about surveillance without being named?";
        var asked = await askerClient.AskQuestionAsync(session, "anon-privacy", Text, anonymous: true);
        await bystanderView.WaitUntilAsync(v => v.Questions.Questions.Any(q => q.Id == asked.QuestionId), Patience);
        await bystander.UpvoteAsync(session, asked.QuestionId);

        using var anonymousHttp = new HttpClient { BaseAddress = platform.Server.BaseUri };
        var reads = new List<string>
        {
            await anonymousHttp.GetStringAsync($"api/sessions/{session}/questions"),
            await (await Send(bystanderApi, HttpMethod.Get, $"api/sessions/{session}/questions")).Content.ReadAsStringAsync(),
            JsonSerializer.Serialize(await bystander.GetQuestionsAsync(session)),
            await (await Send(bystanderApi, HttpMethod.Get, "api/me/export")).Content.ReadAsStringAsync(),
        };
        lock (pushed)
        {
            reads.AddRange(pushed);
        }

        Assert.Contains(reads, r => r.Contains(asked.QuestionId, StringComparison.Ordinal));
        foreach (var read in reads)
        {
            Assert.DoesNotContain(askerId, read, StringComparison.Ordinal);
            Assert.DoesNotContain(asker.DisplayName, read, StringComparison.Ordinal);
            Assert.DoesNotContain(asker.Email, read, StringComparison.Ordinal);
        }

        // The server's log never puts the asker beside the question.
        foreach (var line in platform.Server.Output.Split('\n'))
        {
            if (line.Contains(asked.QuestionId, StringComparison.Ordinal) || line.Contains(Text, StringComparison.Ordinal))
            {
                Assert.DoesNotContain(askerId, line, StringComparison.Ordinal);
                Assert.DoesNotContain(asker.DisplayName, line, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public async Task A_journey_leaves_no_e_mail_name_question_text_or_token_in_the_servers_output()
    {
        var (session, moderator) = await LiveSessions.StartWithNewModerator(platform.Server);
        await using var _ = moderator;

        // Register, sign in again, follow the session, ask, ask for the floor, and fail a sign-in.
        var person = ForumFaker.Person();
        var registered = await platform.Server.CreateApi().RegisterAsync(person);
        var api = platform.Server.CreateApi();
        await api.LoginAsync(person.Email, person.Password);
        await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().LoginAsync(person.Email, "not the password at all"));
        await using var client = await platform.Server.ConnectAsync(api.AccessToken);
        await client.JoinSessionAsync(session);
        var text = $"Who keeps the registry of {Guid.NewGuid():N} honest?";
        var note = $"On registries {Guid.NewGuid():N}";
        await client.AskQuestionAsync(session, "log-q", text);
        await client.RequestFloorAsync(session, "log-f", FloorKind.Intervention, note);
        var spentRefreshToken = api.RefreshToken!;
        await api.RenewAsync();

        var output = platform.Server.Output;
        foreach (var (what, secret) in new[]
        {
            ("e-mail address", person.Email), ("name", person.DisplayName), ("question text", text), ("note", note),
            ("access token", registered.Token), ("access token", api.AccessToken!), ("refresh token", registered.RefreshToken),
            ("refresh token", spentRefreshToken), ("refresh token", api.RefreshToken!),
            ("password", person.Password),
        })
        {
            Assert.False(output.Contains(secret, StringComparison.Ordinal), $"The server's output holds the person's {what}.");
        }
    }

    private static Task<HttpResponseMessage> Erase(ForumApi api, string password) =>
        Send(api, HttpMethod.Delete, "api/me", JsonContent.Create(new { password }));

    private static Task<HttpResponseMessage> Send(ForumApi api, HttpMethod method, string path, HttpContent? content = null)
    {
        var request = new HttpRequestMessage(method, path) { Content = content };
        request.Headers.Authorization = new AuthenticationHeaderValue("Bearer", api.AccessToken);
        return api.Http.SendAsync(request);
    }
}
