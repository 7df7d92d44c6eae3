using System.Net;
using System.Net.Http.Json;
using IgfPlatform.Contracts.Topics;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Server.Tests.Topics;

/// <summary>Participants follow the policy topics they care about; everyone sees how many do.</summary>
[Collection(PlatformCollection.Name)]
public sealed class TopicFollowTests(PlatformFixture platform)
{
    private const string Topic = ShippedTopicSlugs.Spam;

    [Fact]
    public async Task Following_a_topic_counts_once_and_can_be_undone()
    {
        var person = await platform.NewParticipantAsync();
        var before = await Read(platform.Server.CreateApi().Http);
        Assert.False(before.Following);

        var first = await Send(person.Http, HttpMethod.Put, person.AccessToken);
        var again = await Send(person.Http, HttpMethod.Put, person.AccessToken);
        Assert.True(again.Following);
        Assert.Equal(before.Followers + 1, first.Followers);
        Assert.Equal(first.Followers, again.Followers);
        Assert.True((await Read(person.Http, person.AccessToken)).Following);
        Assert.False((await Read(platform.Server.CreateApi().Http)).Following);

        var undone = await Send(person.Http, HttpMethod.Delete, person.AccessToken);
        Assert.False(undone.Following);
        Assert.Equal(before.Followers, undone.Followers);
    }

    [Fact]
    public async Task Following_needs_a_sign_in_and_a_topic_that_exists()
    {
        var anonymous = platform.Server.CreateApi().Http;
        using var unsigned = await anonymous.SendAsync(new HttpRequestMessage(HttpMethod.Put, $"api/topics/{Topic}/follow"));
        Assert.Equal(HttpStatusCode.Unauthorized, unsigned.StatusCode);

        var person = await platform.NewParticipantAsync();
        using var request = new HttpRequestMessage(HttpMethod.Put, "api/topics/no-such-topic/follow");
        request.Headers.Authorization = new("Bearer", person.AccessToken);
        using var missing = await person.Http.SendAsync(request);
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("application/problem+json", missing.Content.Headers.ContentType?.MediaType);
    }

    private static async Task<TopicFollowing> Send(HttpClient http, HttpMethod method, string? token)
    {
        using var request = new HttpRequestMessage(method, $"api/topics/{Topic}/follow");
        request.Headers.Authorization = new("Bearer", token);
        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TopicFollowing>(ForumJson.Options))!;
    }

    private static async Task<TopicFollowing> Read(HttpClient http, string? token = null)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, $"api/topics/{Topic}/followers");
        if (token is not null)
        {
            request.Headers.Authorization = new("Bearer", token);
        }

        using var response = await http.SendAsync(request);
        response.EnsureSuccessStatusCode();
        return (await response.Content.ReadFromJsonAsync<TopicFollowing>(ForumJson.Options))!;
    }
}
