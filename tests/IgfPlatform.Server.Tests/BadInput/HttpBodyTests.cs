using System.Collections.Concurrent;
using System.Text;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>
/// Every endpoint that reads a body, sent bodies that are empty, null, of the wrong types, oversized, not UTF-8,
/// too deep, followed by garbage or of another content type: each is refused with clear problem details,
/// the server stays up and nothing is stored.
/// </summary>
[Collection(BadInputCollection.Name)]
public sealed class HttpBodyTests(BadInputServer server)
{
    private const int Concurrency = 6;

    public static TheoryData<string> BodyEndpoints()
    {
        var data = new TheoryData<string>();
        foreach (var endpoint in EndpointCatalog.Api.Where(e => e.BodyType is not null))
        {
            data.Add(endpoint.ToString());
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Malformed_bodies_are_refused_with_problem_details_and_store_nothing(string name)
    {
        var endpoint = EndpointCatalog.Api.Single(e => e.ToString() == name);
        var issues = new ConcurrentBag<string>();
        var changes = await server.ChangesDuringAsync(() => RunAll(endpoint, Malformed(endpoint), issues));
        BadInputServer.AssertClean(name, issues, changes);
    }

    [Theory]
    [MemberData(nameof(BodyEndpoints))]
    public async Task Every_property_of_the_wrong_json_type_is_refused_with_problem_details_and_stores_nothing(string name)
    {
        var endpoint = EndpointCatalog.Api.Single(e => e.ToString() == name);
        var sample = Samples.Body(endpoint.BodyType!, server)!;
        var cases = Samples.WrongTypes(sample).Select(c => (c.Case, (Func<HttpContent?>)(() => BadInputServer.Raw(c.Json)))).ToList();
        var issues = new ConcurrentBag<string>();
        var changes = await server.ChangesDuringAsync(() => RunAll(endpoint, cases, issues));
        BadInputServer.AssertClean(name, issues, changes);
    }

    private List<(string Case, Func<HttpContent?> Content)> Malformed(HttpEndpoint endpoint)
    {
        var sample = Samples.Body(endpoint.BodyType!, server)!;
        var json = sample.ToJsonString();
        var deep = sample is System.Text.Json.Nodes.JsonArray
            ? new string('[', 10_000) + new string(']', 10_000)
            : "{\"deep\":" + string.Concat(Enumerable.Repeat("{\"a\":", 10_000)) + "1" + new string('}', 10_001);
        var twoMegabytes = Encoding.ASCII.GetBytes(new string('x', 2 * 1024 * 1024));
        return
        [
            ("no body at all", () => null),
            ("an empty JSON body", () => BadInputServer.Raw(string.Empty)),
            ("the body null", () => BadInputServer.Raw("null")),
            ("a 2 MB string in a valid body", () => BadInputServer.Raw(Samples.WithFirstString(sample, twoMegabytes))),
            ("invalid UTF-8 in a string", () => BadInputServer.Raw(Samples.WithFirstString(sample, [0x61, 0xFF, 0xFE, 0xC3, 0x28, 0x62]))),
            ("JSON nested 10,000 deep", () => BadInputServer.Raw(deep)),
            ("trailing garbage", () => BadInputServer.Raw(json + " } trailing")),
            ("truncated JSON", () => BadInputServer.Raw(json[..(json.Length / 2)])),
            ("not JSON", () => BadInputServer.Raw("title=x&text=y")),
            ("a valid body as text/plain", () => BadInputServer.Raw(json, "text/plain")),
            ("a valid body as a form", () => BadInputServer.Raw(json, "application/x-www-form-urlencoded")),
        ];
    }

    /// <summary>Sends each case as the organizer (who may do the most, so an accepted bad body would be stored).</summary>
    private async Task RunAll(HttpEndpoint endpoint, IReadOnlyList<(string Case, Func<HttpContent?> Content)> cases, ConcurrentBag<string> issues)
    {
        var path = Samples.Path(endpoint, server);
        await Parallel.ForEachAsync(cases, new ParallelOptions { MaxDegreeOfParallelism = Concurrency }, async (c, _) =>
        {
            var reply = await server.SendAsync(new HttpMethod(endpoint.Method), path, c.Content(), server.Organizer.AccessToken);
            if (ClearErrors.ProblemIssue(reply) is { } issue)
            {
                issues.Add($"{c.Case}: {issue}");
            }
        });
    }
}
