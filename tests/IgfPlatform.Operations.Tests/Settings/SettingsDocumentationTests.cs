using IgfPlatform.Operations.Tests.Deployment;

namespace IgfPlatform.Operations.Tests.Settings;

/// <summary>docs/operations.md names every setting the server binds.</summary>
public sealed class SettingsDocumentationTests
{
    [Fact]
    public void Every_bound_setting_is_in_the_operations_table()
    {
        var missing = SettingsCatalog.BoundKeys().Where(k => !SettingsCatalog.IsDocumentedKey(k)).ToList();
        Assert.True(missing.Count == 0, "Not in docs/operations.md: " + string.Join(", ", missing));
    }

    [Fact]
    public void The_settings_read_outside_the_bound_types_are_documented_too()
    {
        foreach (var key in new[] { "ASPNETCORE_URLS", "ConnectionStrings:Storage", "Orleans:Membership:ProbeTimeout", "Logging:Console:FormatterName" })
        {
            Assert.True(SettingsCatalog.IsDocumentedKey(key) || SettingsCatalog.IsDocumented(key), $"{key} is not in docs/operations.md");
        }
    }
}
