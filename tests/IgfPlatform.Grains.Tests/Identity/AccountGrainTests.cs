using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Vocabulary;

namespace IgfPlatform.Grains.Tests.Identity;

[Collection(ClusterCollection.Name)]
public sealed class AccountGrainTests(ClusterFixture fixture)
{
    private readonly IGrainFactory _grains = fixture.Grains;

    [Fact]
    public async Task Register_creates_the_participant_and_keeps_the_credentials()
    {
        var profile = Forum.Profile();
        var account = _grains.GetGrain<IAccountGrain>(profile.Email);

        var created = await account.Register(profile, "pbkdf2:first");

        Assert.Equal(profile.ParticipantId, created.ParticipantId);
        Assert.Equal(profile.DisplayName, created.DisplayName);
        Assert.Equal([Roles.Participant], created.Roles);
        var stored = await _grains.GetGrain<IParticipantGrain>(profile.ParticipantId).GetProfile();
        Assert.Equal(Forum.Json(created), Forum.Json(stored));
        Assert.Equal(new AccountCredentials(profile.ParticipantId, "pbkdf2:first"), await account.GetCredentials());
    }

    [Fact]
    public async Task A_second_registration_of_the_same_address_is_refused_and_changes_nothing()
    {
        var first = Forum.Profile();
        var account = _grains.GetGrain<IAccountGrain>(first.Email);
        await account.Register(first, "pbkdf2:first");
        var second = Forum.Profile(email: first.Email);

        var ex = await Assert.ThrowsAsync<ForumException>(() => account.Register(second, "pbkdf2:second"));

        Assert.Equal(ForumErrorKind.Conflict, ex.Kind);
        Assert.Equal("An account with this e-mail address already exists.", ex.Message);
        Assert.Equal(new AccountCredentials(first.ParticipantId, "pbkdf2:first"), await account.GetCredentials());
        Assert.Null(await _grains.GetGrain<IParticipantGrain>(second.ParticipantId).GetProfile());
    }

    [Fact]
    public async Task An_unknown_address_has_no_credentials()
    {
        var account = _grains.GetGrain<IAccountGrain>($"{Guid.NewGuid():N}@test.igf.example");

        Assert.Null(await account.GetCredentials());
        var ex = await Assert.ThrowsAsync<ForumException>(() => account.UpdatePasswordHash("pbkdf2:new"));
        Assert.Equal(ForumErrorKind.NotFound, ex.Kind);
        Assert.Null(await account.GetCredentials());
    }

    [Fact]
    public async Task UpdatePasswordHash_replaces_the_hash_only()
    {
        var profile = Forum.Profile();
        var account = _grains.GetGrain<IAccountGrain>(profile.Email);
        await account.Register(profile, "pbkdf2:first");

        await account.UpdatePasswordHash("pbkdf2:second");

        Assert.Equal(new AccountCredentials(profile.ParticipantId, "pbkdf2:second"), await account.GetCredentials());
    }
}
