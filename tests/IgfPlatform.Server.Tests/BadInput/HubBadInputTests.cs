using System.Reflection;
using System.Text.Json;
using System.Text.Json.Nodes;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Live;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Client;
using Microsoft.Extensions.DependencyInjection;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>
/// Every hub method (found by reflection) called with unknown names, wrong argument counts and types, nulls,
/// oversized strings and other people's ids; replayed request ids held once; a message over the size limit.
/// Each is a <see cref="HubException"/> with a readable message, the connection and server stay up, nothing is stored.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class HubBadInputTests(BadInputServer server)
{
    /// <summary>Longer than any field the hub accepts, shorter than the hub's message limit (64 KiB).</summary>
    private const int Oversized = 40_000;

    /// <summary>A plain connection without reconnecting, so a closed one stays closed.</summary>
    public static async Task<HubConnection> ConnectAsync(BadInputServer server, string? token)
    {
        var connection = new HubConnectionBuilder()
            .WithUrl(new Uri(server.Server.BaseUri, ForumHub.Path.TrimStart('/')), o => o.AccessTokenProvider = () => Task.FromResult(token))
            .AddJsonProtocol(o => ForumJson.Configure(o.PayloadSerializerOptions))
            .Build();
        await connection.StartAsync();
        return connection;
    }

    [Fact]
    public async Task An_unknown_method_is_refused_readably_and_the_connection_stays_usable()
    {
        await using var connection = await ConnectAsync(server, server.Alice.AccessToken);
        var issues = new List<string>();
        foreach (var name in new[] { "NoSuchMethod", "joinsession ", "OnDisconnectedAsync", "Dispose", new string('M', 1000) })
        {
            var e = await Assert.ThrowsAsync<HubException>(() => connection.InvokeCoreAsync(name, typeof(object), []));
            if (ClearErrors.HubMessageIssue(name, e.Message) is { } issue)
            {
                issues.Add(issue);
            }
        }

        await connection.InvokeAsync<FloorView>("GetFloor", BadInputServer.LiveSessionId);
        Assert.True(issues.Count == 0, string.Join("\n", issues));
    }

    [Fact]
    public async Task Wrong_argument_counts_are_refused_readably_and_store_nothing() =>
        await RunForEveryMethod("wrong argument counts", (method, valid) =>
        {
            var cases = new List<(string, object?[])> { ("one argument too many", [.. valid, "extra"]) };
            if (valid.Length > 0)
            {
                cases.Add(("one argument too few", valid[..^1]));
                cases.Add(("no arguments", []));
            }

            return cases;
        });

    [Fact]
    public async Task Wrong_argument_types_are_refused_readably_and_store_nothing() =>
        await RunForEveryMethod("wrong argument types", (method, valid) =>
        {
            var parameters = method.GetParameters();
            return parameters.SelectMany((p, i) => WrongValues(p.ParameterType).Select(wrong =>
                ($"{p.Name} as {wrong?.GetValueKind().ToString() ?? "null"}", Replace(valid, i, wrong)))).ToList();
        });

    [Fact]
    public async Task Null_for_an_argument_that_needs_a_value_is_refused_readably_and_stores_nothing() =>
        await RunForEveryMethod("nulls", (method, valid) =>
        {
            var parameters = method.GetParameters();
            var cases = parameters.Select((p, i) => (p, i)).Where(x => !HubMethods.AcceptsNull(x.p))
                .Select(x => ($"{x.p.Name} null", Replace(valid, x.i, null))).ToList();
            if (parameters.Length > 0)
            {
                cases.Add(("every argument null", parameters.Select(_ => (object?)null).ToArray()));
            }

            return cases;
        });

    [Fact]
    public async Task Oversized_strings_are_refused_readably_and_store_nothing() =>
        await RunForEveryMethod("oversized strings", (method, valid) =>
        {
            var big = new string('x', Oversized);
            return method.GetParameters().Select((p, i) => (p, i)).Where(x => x.p.ParameterType == typeof(string))
                .Select(x => ($"{x.p.Name} of {Oversized} characters", Replace(valid, x.i, big))).ToList();
        });

    [Fact]
    public async Task A_participant_calling_a_moderator_method_is_refused_readably_and_nothing_is_stored()
    {
        var issues = new List<string>();
        var moderatorMethods = HubMethods.Cases.Where(c => c.Value.Role == HubRole.Moderator).Select(c => c.Key).ToList();
        var changes = await server.ChangesDuringAsync(async () =>
        {
            await using var alice = await ConnectAsync(server, server.Alice.AccessToken);
            await using var anonymous = await ConnectAsync(server, null);
            foreach (var (who, connection) in new[] { ("a participant", alice), ("an anonymous caller", anonymous) })
            {
                foreach (var name in moderatorMethods)
                {
                    await ExpectRefusal(connection, name, HubMethods.Cases[name].ValidArguments(server), $"{name} by {who}", issues);
                }
            }

            // A participant's own methods need a sign-in too.
            foreach (var name in HubMethods.Cases.Where(c => c.Value.Role == HubRole.Participant).Select(c => c.Key))
            {
                await ExpectRefusal(anonymous, name, HubMethods.Cases[name].ValidArguments(server), $"{name} by an anonymous caller", issues);
            }
        });
        BadInputServer.AssertClean("Moderator methods by others", issues, changes);
    }

    [Fact]
    public async Task Withdrawing_or_dismissing_someone_elses_floor_request_is_refused_and_it_stays_in_line()
    {
        await using var alice = await ConnectAsync(server, server.Alice.AccessToken);
        await using var bob = await ConnectAsync(server, server.Bob.AccessToken);
        var bobs = await bob.InvokeAsync<MyFloorEntry>("RequestFloor", BadInputServer.LiveSessionId, HubMethods.NewRequestId(), "intervention", "On affordability.");
        var issues = new List<string>();
        try
        {
            await ExpectRefusal(alice, "WithdrawFloor", [BadInputServer.LiveSessionId, bobs.EntryId], "withdrawing Bob's request", issues);
            await ExpectRefusal(alice, "DismissFloorEntry", [BadInputServer.LiveSessionId, bobs.EntryId, "Not yours."], "dismissing Bob's request", issues);
            await ExpectRefusal(alice, "GiveFloor", [BadInputServer.LiveSessionId, bobs.EntryId, null], "giving Bob the floor", issues);
            Assert.True(issues.Count == 0, string.Join("\n", issues));
            var still = await bob.InvokeAsync<MyFloorEntry?>("GetMyFloorEntry", BadInputServer.LiveSessionId);
            Assert.Equal(bobs.EntryId, still?.EntryId);
        }
        finally
        {
            await bob.InvokeAsync("WithdrawFloor", BadInputServer.LiveSessionId, bobs.EntryId);
        }
    }

    [Fact]
    public async Task A_replayed_client_request_id_is_held_once()
    {
        // A participant of their own: questions are limited per participant and time.
        var carol = server.Server.CreateApi();
        await carol.RegisterAsync(IgfPlatform.Testing.ForumFaker.Person());
        await using var connection = await ConnectAsync(server, carol.AccessToken);
        await using var moderator = await ConnectAsync(server, server.Moderator.AccessToken);
        var live = BadInputServer.LiveSessionId;

        var askId = HubMethods.NewRequestId();
        var asked = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => connection.InvokeAsync<AskResult>("AskQuestion", live, askId, "Who pays for the last mile?", false)));
        Assert.Single(asked.Select(a => a.QuestionId).Distinct());
        var mine = await connection.InvokeAsync<QuestionBoardView>("GetQuestions", live, QuestionOrder.Time);
        Assert.Single(mine.Mine, q => q.Question.Text == "Who pays for the last mile?");

        var floorId = HubMethods.NewRequestId();
        var requested = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => connection.InvokeAsync<MyFloorEntry>("RequestFloor", live, floorId, "intervention", "Once.")));
        Assert.Single(requested.Select(r => r.EntryId).Distinct());

        var contributionId = HubMethods.NewRequestId();
        var contributed = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ =>
            connection.InvokeAsync<IgfPlatform.Contracts.Consultations.Contribution>("Contribute", server.ConsultationId, contributionId, 1, "agree", "Held once.", null)));
        Assert.Single(contributed.Select(c => c.Id).Distinct());
        var contributions = await server.SendAsync(HttpMethod.Get, $"api/consultations/{server.ConsultationId}/contributions", token: server.Organizer.AccessToken);
        Assert.Single(JsonDocument.Parse(contributions.Body).RootElement.EnumerateArray(), c => c.GetProperty("text").GetString() == "Held once.");

        var entryId = HubMethods.NewRequestId();
        var draft = new FloorEntryDraft("Delegate without the app", StakeholderGroup.Government, Region.Africa, null, FloorKind.Intervention, true);
        var added = await Task.WhenAll(Enumerable.Range(0, 3).Select(_ => moderator.InvokeAsync<FloorEntry>("AddFloorEntry", live, entryId, draft)));
        Assert.Single(added.Select(a => a.EntryId).Distinct());
        var queue = await moderator.InvokeAsync<IReadOnlyList<FloorEntry>>("GetFloorQueue", live);
        Assert.Single(queue, e => e.Name == "Delegate without the app");

        // The line as it was for the other cases.
        await connection.InvokeAsync("WithdrawFloor", live, requested[0].EntryId);
        await moderator.InvokeAsync("DismissFloorEntry", live, added[0].EntryId, "Test entry.");
    }

    [Fact]
    public async Task A_message_over_the_size_limit_closes_only_that_connection_and_the_server_stays_up()
    {
        var closed = new TaskCompletionSource<Exception?>(TaskCreationOptions.RunContinuationsAsynchronously);
        var connection = await ConnectAsync(server, server.Alice.AccessToken);
        await using var _ = connection;
        connection.Closed += e =>
        {
            closed.TrySetResult(e);
            return Task.CompletedTask;
        };
        var changes = await server.ChangesDuringAsync(async () =>
        {
            var call = connection.InvokeAsync<AskResult>("AskQuestion", BadInputServer.LiveSessionId, HubMethods.NewRequestId(), new string('x', 200_000), false);
            await Assert.ThrowsAnyAsync<Exception>(() => call);
            await closed.Task.WaitAsync(TimeSpan.FromSeconds(30));
        });
        Assert.Empty(changes);
        Assert.Equal(HubConnectionState.Disconnected, connection.State);
        await using var another = await ConnectAsync(server, server.Alice.AccessToken);
        await another.InvokeAsync<FloorView>("GetFloor", BadInputServer.LiveSessionId);
    }

    /// <summary>For each method, its cases as the caller its role needs; then the connection must still answer.</summary>
    private async Task RunForEveryMethod(string what, Func<MethodInfo, object?[], List<(string Case, object?[] Args)>> cases)
    {
        var issues = new List<string>();
        var changes = await server.ChangesDuringAsync(async () =>
        {
            var connections = new Dictionary<HubRole, HubConnection>
            {
                [HubRole.Anyone] = await ConnectAsync(server, server.Alice.AccessToken),
                [HubRole.Participant] = await ConnectAsync(server, server.Alice.AccessToken),
                [HubRole.Moderator] = await ConnectAsync(server, server.Moderator.AccessToken),
            };
            try
            {
                foreach (var method in HubMethods.All)
                {
                    var hubCase = HubMethods.Cases[method.Name];
                    var connection = connections[hubCase.Role];
                    foreach (var (name, args) in cases(method, hubCase.ValidArguments(server)))
                    {
                        await ExpectRefusal(connection, method.Name, args, $"{method.Name} with {name}", issues);
                    }
                }

                foreach (var (role, connection) in connections)
                {
                    if (connection.State != HubConnectionState.Connected)
                    {
                        issues.Add($"The {role} connection was closed by bad arguments.");
                    }
                }
            }
            finally
            {
                foreach (var connection in connections.Values)
                {
                    await connection.DisposeAsync();
                }
            }
        });
        BadInputServer.AssertClean(what, issues, changes);
    }

    private static async Task ExpectRefusal(HubConnection connection, string method, object?[] args, string label, List<string> issues)
    {
        try
        {
            await connection.InvokeCoreAsync(method, typeof(JsonElement), args);
            issues.Add($"{label}: accepted");
        }
        catch (HubException e)
        {
            if (ClearErrors.HubMessageIssue(label, e.Message) is { } issue)
            {
                issues.Add(issue);
            }
        }
        catch (Exception e) when (e is InvalidOperationException or TaskCanceledException or IOException)
        {
            issues.Add($"{label}: the connection failed ({e.GetType().Name}: {e.Message})");
        }
    }

    private static object?[] Replace(object?[] args, int index, object? value)
    {
        var copy = (object?[])args.Clone();
        copy[index] = value;
        return copy;
    }

    /// <summary>JSON values of other types than the parameter's.</summary>
    private static IEnumerable<JsonNode?> WrongValues(Type type)
    {
        var t = Nullable.GetUnderlyingType(type) ?? type;
        if (t == typeof(string))
        {
            return [JsonValue.Create(42), new JsonObject { ["a"] = 1 }, new JsonArray("a")];
        }

        if (t == typeof(long) || t == typeof(int))
        {
            return [JsonValue.Create("seven"), JsonValue.Create(1e30), JsonValue.Create(1.5), new JsonArray(1)];
        }

        if (t == typeof(bool))
        {
            return [JsonValue.Create("yes"), JsonValue.Create(1)];
        }

        if (t.IsEnum)
        {
            return [JsonValue.Create(1), JsonValue.Create("noSuchValue")];
        }

        return [JsonValue.Create("a"), JsonValue.Create(3), new JsonArray(1)];
    }
}
