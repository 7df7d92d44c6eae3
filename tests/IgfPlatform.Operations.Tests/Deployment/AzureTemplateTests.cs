using System.Text.Json;
using System.Text.RegularExpressions;

namespace IgfPlatform.Operations.Tests.Deployment;

/// <summary>infra/azure read as data: the ARM template (compiled from main.bicep) runs the image as the server expects.</summary>
public sealed partial class AzureTemplateTests
{
    private static JsonElement Resource(JsonDocument template, string type) =>
        Assert.Single(template.RootElement.GetProperty("resources").EnumerateArray(), r => r.GetProperty("type").GetString() == type);

    private static JsonElement App(JsonDocument template) => Resource(template, "Microsoft.App/containerApps").GetProperty("properties");

    private static JsonElement Container(JsonDocument template) =>
        Assert.Single(App(template).GetProperty("template").GetProperty("containers").EnumerateArray());

    private static List<JsonElement> Env(JsonDocument template) => [.. Container(template).GetProperty("env").EnumerateArray()];

    [Fact]
    public void A_storage_account_holds_every_table_and_container_the_platform_uses()
    {
        using var template = Manifests.ArmTemplate();
        var storage = Resource(template, "Microsoft.Storage/storageAccounts").GetProperty("properties");
        Assert.True(storage.GetProperty("supportsHttpsTrafficOnly").GetBoolean());
        Assert.False(storage.GetProperty("allowBlobPublicAccess").GetBoolean());

        var tables = template.RootElement.GetProperty("variables").GetProperty("tableNames").EnumerateArray().Select(t => t.GetString()).ToList();
        string[] used =
        [
            IgfPlatform.Server.Hosting.OrleansHosting.TableName, IgfPlatform.Server.Proceedings.AzureArchiveStore.TableName,
            IgfPlatform.Server.Audit.AzureAuditLog.TableName, IgfPlatform.Server.Questions.AzureTableQuestionLedger.TableName, "OrleansSiloInstances",
        ];
        Assert.Equal(used.Order(StringComparer.Ordinal), tables.Order(StringComparer.Ordinal));
        var containers = template.RootElement.GetProperty("variables").GetProperty("containerNames").EnumerateArray().Select(t => t.GetString()).ToList();
        var serviceId = template.RootElement.GetProperty("parameters").GetProperty("serviceId").GetProperty("defaultValue").GetString()!;
        Assert.Contains($"[format('igf-{{0}}', parameters('serviceId'))]", containers);
        Assert.Contains($"[format('igf-{{0}}-archive', parameters('serviceId'))]", containers);
        Assert.Equal("igf-" + serviceId, IgfPlatform.Server.Hosting.OrleansHosting.BlobContainerOf(serviceId));
        Assert.Equal("igf-" + serviceId + "-archive", IgfPlatform.Server.Proceedings.AzureArchiveStore.ContainerOf(serviceId));
    }

    [Fact]
    public void The_app_listens_where_the_ingress_sends_with_WebSockets_sticky_sessions_and_several_replicas()
    {
        using var template = Manifests.ArmTemplate();
        var ingress = App(template).GetProperty("configuration").GetProperty("ingress");
        var urls = Assert.Single(Env(template), e => e.GetProperty("name").GetString() == "ASPNETCORE_URLS").GetProperty("value").GetString()!;
        Assert.Equal(ingress.GetProperty("targetPort").GetInt32(), Manifests.PortOf(urls));
        Assert.Equal("sticky", ingress.GetProperty("stickySessions").GetProperty("affinity").GetString());
        Assert.Contains(ingress.GetProperty("transport").GetString(), new[] { "http", "auto" }); // HTTP/1.1 upgrades to WebSockets
        Assert.Equal("Single", App(template).GetProperty("configuration").GetProperty("activeRevisionsMode").GetString());

        var minReplicas = template.RootElement.GetProperty("parameters").GetProperty("minReplicas");
        Assert.True(minReplicas.GetProperty("defaultValue").GetInt32() >= 2);
        Assert.True(minReplicas.GetProperty("minValue").GetInt32() >= 2);
        Assert.True(App(template).GetProperty("template").GetProperty("terminationGracePeriodSeconds").GetInt32() >= 40);
    }

    [Fact]
    public void Probes_ask_the_health_paths()
    {
        using var template = Manifests.ArmTemplate();
        var probes = Container(template).GetProperty("probes").EnumerateArray()
            .ToDictionary(p => p.GetProperty("type").GetString()!, p => p.GetProperty("httpGet").GetProperty("path").GetString());
        Assert.Equal("/health/ready", probes["Readiness"]);
        Assert.Equal("/health/live", probes["Liveness"]);
        Assert.Equal("/health/live", probes["Startup"]);
    }

    [Fact]
    public void Every_environment_variable_is_a_setting_the_server_knows_and_secrets_are_secret()
    {
        using var template = Manifests.ArmTemplate();
        var unknown = Env(template).Select(e => e.GetProperty("name").GetString()!).Where(n => !SettingsCatalog.IsDocumented(n)).ToList();
        Assert.True(unknown.Count == 0, "Not in docs/operations.md's settings: " + string.Join(", ", unknown));

        var secrets = App(template).GetProperty("configuration").GetProperty("secrets").EnumerateArray()
            .ToDictionary(s => s.GetProperty("name").GetString()!, s => s.GetProperty("value").GetString()!);
        foreach (var name in new[] { "ConnectionStrings__Storage", "Auth__SigningKey" })
        {
            var variable = Assert.Single(Env(template), e => e.GetProperty("name").GetString() == name);
            Assert.False(variable.TryGetProperty("value", out _), $"{name} has a literal value.");
            Assert.True(secrets.ContainsKey(variable.GetProperty("secretRef").GetString()!));
        }

        // The signing key is a secure parameter; the connection string is made from the account's keys at deployment.
        Assert.Equal("securestring", template.RootElement.GetProperty("parameters").GetProperty("signingKey").GetProperty("type").GetString());
        Assert.Equal("[parameters('signingKey')]", secrets["signing-key"]);
        Assert.Contains("listKeys(", secrets["storage-connection-string"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_ARM_template_is_main_bicep_compiled()
    {
        // Both carry the same environment variables and probes; azuredeploy.json is rebuilt with
        // `bicep build infra/azure/main.bicep --outfile infra/azure/azuredeploy.json` (docs/operations.md).
        using var template = Manifests.ArmTemplate();
        var bicep = File.ReadAllText(Path.Combine(Manifests.AzureFolder, "main.bicep"));
        var bicepNames = BicepEnvName().Matches(bicep).Select(m => m.Groups[1].Value).ToHashSet();
        foreach (var name in Env(template).Select(e => e.GetProperty("name").GetString()!))
        {
            Assert.Contains(name, bicepNames);
        }

        Assert.Equal(Env(template).Count, bicepNames.Count(n => SettingsCatalog.IsDocumented(n)));
        Assert.True(template.RootElement.GetProperty("metadata").GetProperty("_generator").GetProperty("name").GetString() == "bicep");
    }

    [GeneratedRegex(@"name: '([A-Za-z_][A-Za-z0-9_]*__[A-Za-z0-9_]+|ASPNETCORE_[A-Z_]+)'")]
    private static partial Regex BicepEnvName();
}
