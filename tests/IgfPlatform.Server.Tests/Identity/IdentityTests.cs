using System.Net;
using IgfPlatform.Client.Http;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Identity;

[Collection(PlatformCollection.Name)]
public sealed class IdentityTests(PlatformFixture platform)
{
    [Fact]
    public async Task A_person_registers_signs_in_and_reads_their_profile()
    {
        var person = ForumFaker.Person();
        var api = platform.Server.CreateApi();
        var registered = await api.RegisterAsync(person);
        Assert.StartsWith("p-", registered.ParticipantId, StringComparison.Ordinal);

        var again = platform.Server.CreateApi();
        var login = await again.LoginAsync(person.Email.ToUpperInvariant(), person.Password);
        Assert.Equal(registered.ParticipantId, login.ParticipantId);
        Assert.Equal([Roles.Participant], login.Roles);

        var me = await again.GetMeAsync();
        Assert.Equal(person.DisplayName, me.DisplayName);
        Assert.Equal(person.StakeholderGroup, me.StakeholderGroup);
        Assert.Equal(person.Region, me.Region);
        Assert.Equal(person.Email, me.Email);
    }

    [Fact]
    public async Task A_wrong_password_and_an_unknown_address_are_refused_alike()
    {
        var person = ForumFaker.Person();
        await platform.Server.CreateApi().RegisterAsync(person);

        var wrong = await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().LoginAsync(person.Email, "not-the-password"));
        var unknown = await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().LoginAsync("nobody@test.igf.example", "whatever-it-is"));
        Assert.Equal(HttpStatusCode.Unauthorized, wrong.Status);
        Assert.Equal(HttpStatusCode.Unauthorized, unknown.Status);
        Assert.Equal(wrong.Detail, unknown.Detail);
    }

    [Fact]
    public async Task An_address_registers_once()
    {
        var person = ForumFaker.Person();
        var first = await platform.Server.CreateApi().RegisterAsync(person);
        var second = await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().RegisterAsync(person with { DisplayName = "Someone else" }));
        Assert.Equal(HttpStatusCode.Conflict, second.Status);

        // The first registration is untouched: same participant, same name.
        var api = platform.Server.CreateApi();
        Assert.Equal(first.ParticipantId, (await api.LoginAsync(person.Email, person.Password)).ParticipantId);
        Assert.Equal(person.DisplayName, (await api.GetMeAsync()).DisplayName);
    }

    [Fact]
    public async Task A_bad_registration_lists_every_bad_field_and_creates_nothing()
    {
        var bad = ForumFaker.Person() with { Password = "short", DisplayName = new string('x', 101) };
        var error = await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().RegisterAsync(bad with { Email = "not-an-address" }));
        Assert.Equal(HttpStatusCode.BadRequest, error.Status);
        Assert.Contains("email", error.Errors.Keys);
        Assert.Contains("password", error.Errors.Keys);
        Assert.Contains("displayName", error.Errors.Keys);

        // The same person can still register properly: nothing was kept of the refused attempt.
        var fine = bad with { Password = ForumFaker.Password, DisplayName = "Fine Name" };
        await platform.Server.CreateApi().RegisterAsync(fine);
    }

    [Fact]
    public async Task The_profile_needs_a_valid_token()
    {
        var anonymous = platform.Server.CreateApi();
        var error = await Assert.ThrowsAsync<ForumApiException>(() => anonymous.GetMeAsync());
        Assert.Equal(HttpStatusCode.Unauthorized, error.Status);

        var forged = platform.Server.CreateApi();
        forged.AccessToken = "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiJwLXgifQ.c2lnbmF0dXJl";
        Assert.Equal(HttpStatusCode.Unauthorized, (await Assert.ThrowsAsync<ForumApiException>(() => forged.GetMeAsync())).Status);
    }
}
