using IgfPlatform.Server.Hosting;

namespace IgfPlatform.Operations.Tests.Deployment;

/// <summary>infra/k8s read as data: what a deployment of several silos needs is there and agrees with the server.</summary>
public sealed class KubernetesManifestTests
{
    private static Node Pod => Manifests.OnlyOf("Deployment")["spec"]["template"];

    private static Node Container => Assert.Single(Pod["spec"]["containers"].Items);

    private static IReadOnlyList<Node> Env => Container["env"].Items;

    private static Node EnvVar(string name) => Assert.Single(Env, e => e["name"].Text == name);

    [Fact]
    public void Kustomization_lists_every_manifest_and_each_parses()
    {
        var kustomization = Assert.Single(Manifests.ReadYaml(Path.Combine(Manifests.KubernetesFolder, "kustomization.yaml")));
        var listed = kustomization["resources"].Items.Select(i => i.Text).ToHashSet();
        var files = Directory.GetFiles(Manifests.KubernetesFolder, "*.yaml").Select(Path.GetFileName)
            .Where(f => f != "kustomization.yaml" && !f!.EndsWith(".example.yaml", StringComparison.Ordinal));
        Assert.Equal(files.Order(), listed.Order());
        Assert.All(Manifests.KubernetesObjects(withExamples: true), o =>
        {
            Assert.NotNull(o["apiVersion"].Text);
            Assert.NotNull(o["kind"].Text);
            Assert.NotNull(o["metadata"]["name"].Text);
        });
    }

    [Fact]
    public void Several_silos_with_the_labels_and_pod_facts_Orleans_Kubernetes_hosting_reads()
    {
        var deployment = Manifests.OnlyOf("Deployment");
        Assert.Equal("3", deployment["spec"]["replicas"].Text);
        Assert.Equal("0", deployment["spec"]["strategy"]["rollingUpdate"]["maxUnavailable"].Text);

        var labels = Pod["metadata"]["labels"];
        Assert.True(labels["orleans/serviceId"].Exists && labels["orleans/clusterId"].Exists);
        Assert.Equal(nameof(ClusteringMode.Kubernetes), EnvVar("Orleans__ClusteringMode")["value"].Text);
        Assert.True(Enum.TryParse<ClusteringMode>(EnvVar("Orleans__ClusteringMode")["value"].Text, out _));

        // The downward API, as Orleans' Kubernetes hosting reads it.
        Assert.Equal("metadata.name", EnvVar("POD_NAME")["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("metadata.namespace", EnvVar("POD_NAMESPACE")["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("status.podIP", EnvVar("POD_IP")["valueFrom"]["fieldRef"]["fieldPath"].Text);

        // The platform's ids and Orleans' come from the same labels, so they cannot disagree (the server refuses that).
        Assert.Equal("metadata.labels['orleans/serviceId']", EnvVar("Orleans__ServiceId")["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("metadata.labels['orleans/serviceId']", EnvVar("ORLEANS_SERVICE_ID")["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("metadata.labels['orleans/clusterId']", EnvVar("Orleans__ClusterId")["valueFrom"]["fieldRef"]["fieldPath"].Text);
        Assert.Equal("metadata.labels['orleans/clusterId']", EnvVar("ORLEANS_CLUSTER_ID")["valueFrom"]["fieldRef"]["fieldPath"].Text);

        // Silo and gateway ports from settings, declared on the container.
        var ports = Container["ports"].Items.ToDictionary(p => p["name"].Text!, p => p["containerPort"].Text);
        Assert.Equal(EnvVar("Orleans__SiloPort")["value"].Text, ports["silo"]);
        Assert.Equal(EnvVar("Orleans__GatewayPort")["value"].Text, ports["gateway"]);
    }

    [Fact]
    public void The_container_port_is_the_port_the_server_listens_on_and_the_image_exposes()
    {
        var http = Assert.Single(Container["ports"].Items, p => p["name"].Text == "http");
        var port = int.Parse(http["containerPort"].Text!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(port, Manifests.PortOf(EnvVar("ASPNETCORE_URLS")["value"].Text!));

        var dockerfile = File.ReadAllText(Manifests.Dockerfile);
        Assert.Contains($"ASPNETCORE_URLS=http://+:{port}", dockerfile, StringComparison.Ordinal);
        Assert.Contains($"EXPOSE {port}", dockerfile, StringComparison.Ordinal);

        var service = Manifests.OnlyOf("Service");
        Assert.Equal("http", Assert.Single(service["spec"]["ports"].Items)["targetPort"].Text);
        Assert.Equal(Pod["metadata"]["labels"]["app.kubernetes.io/name"].Text, service["spec"]["selector"]["app.kubernetes.io/name"].Text);
    }

    [Fact]
    public void Probes_ask_the_health_paths_on_the_http_port()
    {
        Assert.Equal("/health/ready", Container["readinessProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health/live", Container["livenessProbe"]["httpGet"]["path"].Text);
        Assert.Equal("/health/live", Container["startupProbe"]["httpGet"]["path"].Text);
        foreach (var probe in new[] { "readinessProbe", "livenessProbe", "startupProbe" })
        {
            Assert.Equal("http", Container[probe]["httpGet"]["port"].Text);
        }
    }

    [Fact]
    public void Every_environment_variable_is_a_setting_the_server_knows()
    {
        var unknown = Env.Select(e => e["name"].Text!).Where(n => !SettingsCatalog.IsDocumented(n)).ToList();
        Assert.True(unknown.Count == 0, "Not in docs/operations.md's settings: " + string.Join(", ", unknown));
    }

    [Fact]
    public void Secrets_come_from_a_Secret_and_nowhere_else()
    {
        foreach (var name in new[] { "ConnectionStrings__Storage", "Auth__SigningKey" })
        {
            var variable = EnvVar(name);
            Assert.False(variable["value"].Exists, $"{name} has a literal value.");
            var reference = variable["valueFrom"]["secretKeyRef"];
            Assert.Equal("igf-platform-secrets", reference["name"].Text);

            // The key exists in the example Secret that says how to make it.
            var example = Assert.Single(Manifests.ReadYaml(Path.Combine(Manifests.KubernetesFolder, "secret.example.yaml")));
            Assert.True(example["stringData"][reference["key"].Text!].Exists, $"{reference["key"].Text} is not in secret.example.yaml");
        }

        // No Secret with values is applied by the kustomization.
        Assert.DoesNotContain(Manifests.KubernetesObjects(), o => o["kind"].Text == "Secret");
    }

    [Fact]
    public void The_ingress_keeps_WebSockets_open_and_a_browser_on_one_pod()
    {
        var ingress = Manifests.OnlyOf("Ingress");
        var annotations = ingress["metadata"]["annotations"];
        Assert.Equal("cookie", annotations["nginx.ingress.kubernetes.io/affinity"].Text);
        Assert.True(annotations["nginx.ingress.kubernetes.io/session-cookie-name"].Exists);
        foreach (var timeout in new[] { "proxy-read-timeout", "proxy-send-timeout" })
        {
            // Longer than any idle stretch of a hub connection (keep-alive 15 s, client timeout 30 s), by far.
            Assert.True(int.Parse(annotations[$"nginx.ingress.kubernetes.io/{timeout}"].Text!, System.Globalization.CultureInfo.InvariantCulture) >= 3600);
        }

        var backend = Assert.Single(Assert.Single(ingress["spec"]["rules"].Items)["http"]["paths"].Items)["backend"]["service"];
        Assert.Equal(Manifests.OnlyOf("Service")["metadata"]["name"].Text, backend["name"].Text);
        Assert.Equal("http", backend["port"]["name"].Text);

        // The public origin is allowed to open the hub (TLS ends at the ingress).
        var host = Assert.Single(ingress["spec"]["rules"].Items)["host"].Text;
        Assert.Equal($"https://{host}", EnvVar("Security__AllowedOrigins__0")["value"].Text);
    }

    [Fact]
    public void Resources_are_requested_and_limited()
    {
        var resources = Container["resources"];
        foreach (var kind in new[] { "requests", "limits" })
        {
            Assert.True(resources[kind]["cpu"].Exists && resources[kind]["memory"].Exists, $"resources.{kind} lacks cpu or memory");
        }

        Assert.True(Mebibytes(resources["requests"]["memory"].Text!) <= Mebibytes(resources["limits"]["memory"].Text!));
    }

    [Fact]
    public void The_pod_may_read_pods_and_nothing_more()
    {
        var account = Pod["spec"]["serviceAccountName"].Text;
        Assert.Equal(account, Manifests.OnlyOf("ServiceAccount")["metadata"]["name"].Text);

        var binding = Manifests.OnlyOf("RoleBinding");
        Assert.Contains(binding["subjects"].Items, s => s["kind"].Text == "ServiceAccount" && s["name"].Text == account);
        var role = Manifests.OnlyOf("Role");
        Assert.Equal("Role", binding["roleRef"]["kind"].Text);
        Assert.Equal(role["metadata"]["name"].Text, binding["roleRef"]["name"].Text);

        var rule = Assert.Single(role["rules"].Items);
        Assert.Equal([""], rule["apiGroups"].Items.Select(i => i.Text));
        Assert.Equal(["pods"], rule["resources"].Items.Select(i => i.Text));
        Assert.Equal(["get", "list", "watch"], rule["verbs"].Items.Select(i => i.Text!).Order());
    }

    [Fact]
    public void Disruptions_take_one_silo_at_a_time_and_a_stopping_silo_has_time_to_leave()
    {
        var budget = Manifests.OnlyOf("PodDisruptionBudget");
        Assert.Equal("1", budget["spec"]["maxUnavailable"].Text);
        Assert.Equal(Pod["metadata"]["labels"]["app.kubernetes.io/name"].Text, budget["spec"]["selector"]["matchLabels"]["app.kubernetes.io/name"].Text);

        // The host's shutdown timeout (30 s) plus the pre-stop pause fit in the grace period.
        var grace = int.Parse(Pod["spec"]["terminationGracePeriodSeconds"].Text!, System.Globalization.CultureInfo.InvariantCulture);
        var preStop = int.Parse(Container["lifecycle"]["preStop"]["sleep"]["seconds"].Text!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(grace >= 30 + preStop + 10, $"terminationGracePeriodSeconds {grace} is short.");
    }

    [Fact]
    public void The_container_runs_as_a_non_root_user()
    {
        Assert.Equal("true", Pod["spec"]["securityContext"]["runAsNonRoot"].Text);
        Assert.Equal("false", Container["securityContext"]["allowPrivilegeEscalation"].Text);
    }

    private static int Mebibytes(string quantity) => quantity.EndsWith("Gi", StringComparison.Ordinal)
        ? int.Parse(quantity[..^2], System.Globalization.CultureInfo.InvariantCulture) * 1024
        : int.Parse(quantity.TrimEnd('M', 'i'), System.Globalization.CultureInfo.InvariantCulture);
}
