using System.Net;
using IgfPlatform.Client.Http;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests.Security;

/// <summary>The shared server (default lockout: 5 failures in a row lock the address for 15 minutes).</summary>
[Collection(PlatformCollection.Name)]
public sealed class LockoutTests(PlatformFixture platform)
{
    private const int Threshold = 5;
    private const string WrongMessage = "The e-mail address or the password is not right.";
    private const string LockedMessage = WrongMessage + " Too many failed sign-ins: try again later.";

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_even_against_the_right_one()
    {
        var person = ForumFaker.Person();
        await platform.Server.CreateApi().RegisterAsync(person);

        var details = new List<string?>();
        for (var i = 0; i < Threshold; i++)
        {
            details.Add((await Refused(person.Email, "not-the-password")).Detail);
        }

        Assert.All(details.Take(Threshold - 1), d => Assert.Equal(WrongMessage, d));
        Assert.Equal(LockedMessage, details[^1]);

        var right = await Refused(person.Email, person.Password);
        Assert.Equal(LockedMessage, right.Detail);
    }

    [Fact]
    public async Task An_unknown_address_locks_the_same_way_so_locking_reveals_nothing()
    {
        var known = ForumFaker.Person();
        await platform.Server.CreateApi().RegisterAsync(known);
        var unknown = $"nobody-{Guid.NewGuid():N}@test.igf.example";

        var knownDetails = new List<string?>();
        var unknownDetails = new List<string?>();
        for (var i = 0; i <= Threshold; i++)
        {
            knownDetails.Add((await Refused(known.Email, "not-the-password")).Detail);
            unknownDetails.Add((await Refused(unknown, "not-the-password")).Detail);
        }

        Assert.Equal(knownDetails, unknownDetails);
        Assert.Equal(LockedMessage, unknownDetails[^1]);
    }

    [Fact]
    public async Task A_success_before_the_threshold_starts_the_count_again_and_locks_only_that_account()
    {
        var person = ForumFaker.Person();
        var other = ForumFaker.Person();
        await platform.Server.CreateApi().RegisterAsync(person);
        await platform.Server.CreateApi().RegisterAsync(other);

        for (var i = 0; i < Threshold - 1; i++)
        {
            await Refused(person.Email, "not-the-password");
        }

        await platform.Server.CreateApi().LoginAsync(person.Email, person.Password);
        for (var i = 0; i < Threshold - 1; i++)
        {
            Assert.Equal(WrongMessage, (await Refused(person.Email, "not-the-password")).Detail);
        }

        // Still one failure short of the lock: the right password gets in.
        await platform.Server.CreateApi().LoginAsync(person.Email, person.Password);

        // Another account's lock does not touch this one.
        for (var i = 0; i < Threshold; i++)
        {
            await Refused(other.Email, "not-the-password");
        }

        await platform.Server.CreateApi().LoginAsync(person.Email, person.Password);
        Assert.Equal(LockedMessage, (await Refused(other.Email, other.Password)).Detail);
    }

    private async Task<ForumApiException> Refused(string email, string password)
    {
        var ex = await Assert.ThrowsAsync<ForumApiException>(() => platform.Server.CreateApi().LoginAsync(email, password));
        Assert.Equal(HttpStatusCode.Unauthorized, ex.Status);
        return ex;
    }
}
