using System.Collections.Concurrent;
using System.Net;
using System.Text.Json;
using IgfPlatform.Contracts.Consultations;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>
/// Every endpoint with ids that do not exist, ids far too long, junk query values and other people's
/// resources; and a replayed request id, which must be held once.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class HttpIdsAndQueryTests(BadInputServer server)
{
    private const int Concurrency = 6;

    private static readonly string[] JunkQueryValues =
    [
        "banana", "-1", "0", "99999999999999999999", "1e309", "NaN", "%00", "\u202Eevil", "[]", "{}", "'; DROP TABLE sessions; --",
        "../../etc/passwd", new string('x', 3000), "2026-13-45T99:99:99Z", "true",
    ];

    [Fact]
    public async Task Junk_query_values_are_refused_with_problem_details_or_ignored_never_a_server_error()
    {
        var issues = new ConcurrentBag<string>();
        var requests = EndpointCatalog.Api.Where(e => e.Method == "GET")
            .SelectMany(e => e.QueryParameters.SelectMany(q => JunkQueryValues.Select(v => (Endpoint: e, Query: $"{q.Name}={Uri.EscapeDataString(v)}"))))
            .ToList();
        Assert.NotEmpty(requests);
        var changes = await server.ChangesDuringAsync(() => Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (r, _) =>
        {
            var reply = await server.SendAsync(HttpMethod.Get, $"{Samples.Path(r.Endpoint, server)}?{r.Query}", token: server.Organizer.AccessToken);
            if (ClearErrors.AnswerIssue(reply) is { } issue)
            {
                issues.Add(issue);
            }
        }));
        BadInputServer.AssertClean("Junk query values", issues, changes);
    }

    [Fact]
    public async Task Ids_that_do_not_exist_are_refused_with_problem_details_and_store_nothing()
    {
        var changes = await server.ChangesDuringAsync(() => ForEachRouteParameter(Samples.MissingValue));
        BadInputServer.AssertClean("Ids that do not exist", Issues, changes);
    }

    [Fact]
    public async Task Ids_far_too_long_are_refused_with_problem_details_and_store_nothing()
    {
        var changes = await server.ChangesDuringAsync(() => ForEachRouteParameter(p => p == "version" ? new string('9', 40) : new string('x', 4000)));
        BadInputServer.AssertClean("Ids far too long", Issues, changes);
    }

    [Fact]
    public async Task A_participant_is_refused_what_only_moderators_and_organizers_may_do_and_nothing_is_stored()
    {
        var issues = new ConcurrentBag<string>();
        var privileged = EndpointCatalog.Api.Where(e => Access.Rules.GetValueOrDefault(e.ToString()) is Who.Moderator or Who.Organizer).ToList();
        var organizerOnly = privileged.Where(e => Access.Rules[e.ToString()] == Who.Organizer).ToList();
        Assert.NotEmpty(privileged);
        var changes = await server.ChangesDuringAsync(async () =>
        {
            foreach (var (endpoint, caller, who) in privileged.Select(e => (e, server.Alice.AccessToken, "a participant"))
                .Concat(organizerOnly.Select(e => (e, server.Moderator.AccessToken, "a moderator"))))
            {
                var reply = await server.SendAsync(new HttpMethod(endpoint.Method), Samples.Path(endpoint, server), Body(endpoint), caller);
                if (ClearErrors.ProblemIssue(reply) is { } issue)
                {
                    issues.Add($"{who}: {issue}");
                }
                else if (reply.Status is not (HttpStatusCode.Forbidden or HttpStatusCode.NotFound))
                {
                    issues.Add($"{who}: expected 403 (or 404 for what they may not see): {reply}");
                }
            }
        });
        BadInputServer.AssertClean("Privileged endpoints called by others", issues, changes);
    }

    [Fact]
    public async Task Anonymous_callers_get_401_problem_details_on_every_endpoint_that_needs_a_sign_in()
    {
        var issues = new ConcurrentBag<string>();
        var changes = await server.ChangesDuringAsync(async () =>
        {
            foreach (var endpoint in EndpointCatalog.Api.Where(e => e.RequiresAuthorization))
            {
                var reply = await server.SendAsync(new HttpMethod(endpoint.Method), Samples.Path(endpoint, server), Body(endpoint));
                if (ClearErrors.ProblemIssue(reply) is { } issue)
                {
                    issues.Add(issue);
                }
                else if (reply.Status != HttpStatusCode.Unauthorized)
                {
                    issues.Add($"expected 401: {reply}");
                }
            }
        });
        BadInputServer.AssertClean("Anonymous calls", issues, changes);
    }

    [Fact]
    public async Task Methods_an_address_does_not_take_are_refused_with_problem_details_and_store_nothing()
    {
        string[] methods = ["GET", "POST", "PUT", "PATCH", "DELETE"];
        var issues = new ConcurrentBag<string>();
        var requests = EndpointCatalog.All.Where(e => e.Kind != EndpointKind.Hub && !e.RouteParameters.Contains("path"))
            .GroupBy(e => e.Pattern)
            .SelectMany(g => methods.Where(m => !g.Any(e => e.Method == m || e.Method == "*")).Select(m => (Endpoint: g.First(), Method: m)))
            .ToList();
        Assert.NotEmpty(requests);
        var changes = await server.ChangesDuringAsync(() => Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (r, _) =>
        {
            var path = Samples.Path(r.Endpoint, server);
            var reply = await server.SendAsync(new HttpMethod(r.Method), path, BadInputServer.Raw("{\"x\":1}"), server.Organizer.AccessToken);

            // An API address refuses with problem details; a page address of the web app may serve the page.
            var issue = r.Endpoint.Kind == EndpointKind.Api ? ClearErrors.ProblemIssue(reply) : ClearErrors.AnswerIssue(reply);
            if (issue is not null)
            {
                issues.Add($"{r.Method} on {r.Endpoint.Pattern}: {issue}");
            }
        }));
        BadInputServer.AssertClean("Methods an address does not take", issues, changes);
    }

    [Fact]
    public async Task A_replayed_contribution_is_held_once()
    {
        var draft = new ContributionDraft("replay-" + Guid.NewGuid().ToString("N"), 2, Stance.Disagree, "Disclosure needs a deadline.", null);
        var path = $"api/consultations/{server.ConsultationId}/contributions";
        var replies = new List<Reply>();
        for (var i = 0; i < 3; i++)
        {
            replies.Add(await server.SendAsync(HttpMethod.Post, path, BadInputServer.Json(draft), server.Alice.AccessToken));
        }

        // The same id from another participant is theirs: a separate contribution, not Alice's replayed.
        var bobs = await server.SendAsync(HttpMethod.Post, path, BadInputServer.Json(draft with { Text = "Bob's own words." }), server.Bob.AccessToken);

        Assert.All(replies, r => Assert.Equal(HttpStatusCode.OK, r.Status));
        var ids = replies.Select(r => JsonDocument.Parse(r.Body).RootElement.GetProperty("id").GetString()).Distinct().ToList();
        Assert.Single(ids);
        Assert.Equal(HttpStatusCode.OK, bobs.Status);
        Assert.NotEqual(ids[0], JsonDocument.Parse(bobs.Body).RootElement.GetProperty("id").GetString());
        var all = await server.SendAsync(HttpMethod.Get, path, token: server.Organizer.AccessToken);
        Assert.Equal(1, CountOccurrences(all.Body, "Disclosure needs a deadline."));

        // The same id with other words is not a replay: it is refused, and the first stays as it was.
        var changed = await server.SendAsync(HttpMethod.Post, path, BadInputServer.Json(draft with { Text = "Something else." }), server.Alice.AccessToken);
        Assert.True(changed.Status == HttpStatusCode.OK ? JsonDocument.Parse(changed.Body).RootElement.GetProperty("id").GetString() == ids[0] : ClearErrors.ProblemIssue(changed) is null, changed.ToString());
        var after = await server.SendAsync(HttpMethod.Get, path, token: server.Organizer.AccessToken);
        Assert.DoesNotContain("Something else.", after.Body, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_replayed_report_counts_once_and_reporting_ones_own_contribution_is_refused()
    {
        var path = $"api/consultations/{server.ConsultationId}/contributions/{server.BobContributionId}/reports";
        var first = await server.SendAsync(HttpMethod.Post, path, token: server.Alice.AccessToken);
        var again = await server.SendAsync(HttpMethod.Post, path, token: server.Alice.AccessToken);
        Assert.True(first.IsSuccess, first.ToString());
        Assert.True(again.IsSuccess || ClearErrors.ProblemIssue(again) is null, again.ToString());
        var contributions = await server.SendAsync(HttpMethod.Get, $"api/consultations/{server.ConsultationId}/contributions", token: server.Organizer.AccessToken);
        var bobs = JsonDocument.Parse(contributions.Body).RootElement.EnumerateArray().Single(c => c.GetProperty("id").GetString() == server.BobContributionId);
        Assert.Equal(1, bobs.GetProperty("reports").GetInt32());

        var own = await server.SendAsync(HttpMethod.Post, $"api/consultations/{server.ConsultationId}/contributions/{server.AliceContributionId}/reports", token: server.Alice.AccessToken);
        Assert.Null(ClearErrors.ProblemIssue(own));
    }

    private ConcurrentBag<string> Issues { get; } = [];

    private HttpContent? Body(HttpEndpoint endpoint) =>
        endpoint.BodyType is { } type ? BadInputServer.Raw(Samples.Body(type, server)!.ToJsonString()) : null;

    /// <summary>Each route parameter of each API endpoint replaced in turn, as the organizer with a valid body.</summary>
    private Task ForEachRouteParameter(Func<string, string> value)
    {
        var requests = EndpointCatalog.Api.SelectMany(e => e.RouteParameters.Where(p => p != "path").Select(p => (Endpoint: e, Parameter: p))).ToList();
        Assert.NotEmpty(requests);
        return Parallel.ForEachAsync(requests, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (r, _) =>
        {
            var path = Samples.Path(r.Endpoint, server, new Dictionary<string, string> { [r.Parameter] = value(r.Parameter) });
            var reply = await server.SendAsync(new HttpMethod(r.Endpoint.Method), path, Body(r.Endpoint), server.Organizer.AccessToken);
            if (ClearErrors.ProblemIssue(reply) is { } issue)
            {
                Issues.Add($"{r.Endpoint} with {r.Parameter} replaced: {issue}");
            }
        });
    }

    private static int CountOccurrences(string text, string part)
    {
        var count = 0;
        for (var at = text.IndexOf(part, StringComparison.Ordinal); at >= 0; at = text.IndexOf(part, at + part.Length, StringComparison.Ordinal))
        {
            count++;
        }

        return count;
    }
}
