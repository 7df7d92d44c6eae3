using IgfPlatform.Client.Http;
using IgfPlatform.Testing;

namespace IgfPlatform.Server.Tests;

/// <summary>One Azurite and one platform server with the demo data, shared by the tests of a collection.</summary>
public sealed class PlatformFixture : SingleServerFixture
{
    public const string DemoPassword = "IgfDemo!2026";
    public const string OrganizerEmail = "organizer@demo.igf.example";
    public const string ModeratorEmail = "moderator@demo.igf.example";
    public const string LiveSessionId = "main-session-critical-internet-resources";

    protected override PlatformServerOptions Options => new() { SeedDemoData = true };

    public async Task<ForumApi> SignInAsync(string email, string password = DemoPassword)
    {
        var api = Server.CreateApi();
        await api.LoginAsync(email, password);
        return api;
    }

    /// <summary>A new participant with a realistic profile, signed in.</summary>
    public async Task<ForumApi> NewParticipantAsync()
    {
        var api = Server.CreateApi();
        await api.RegisterAsync(ForumFaker.Person());
        return api;
    }
}

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "platform";
}
