using System.Net;
using Azure.Core;
using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IgfPlatform.Grains.Storage;
using IgfPlatform.Server.Telemetry;
using Orleans.Dashboard;
using Orleans.Configuration;
using Orleans.Storage;

namespace IgfPlatform.Server.Hosting;

public static class OrleansHosting
{
    /// <summary>
    /// The co-hosted silo: bound and advertised on the configured address (loopback by default),
    /// grain state in Azure Table and Blob storage, clustering on this machine or in Azure Table.
    /// </summary>
    public static WebApplicationBuilder AddForumSilo(this WebApplicationBuilder builder, string storageConnectionString)
    {
        var cluster = ClusterSettings.Read(builder.Configuration);
        TableServiceClient tables;
        BlobServiceClient blobs;
        try
        {
            tables = new TableServiceClient(storageConnectionString, StorageClientOptions.Tables());
            blobs = new BlobServiceClient(storageConnectionString, StorageClientOptions.Blobs());
        }
        catch (Exception ex) when (ex is FormatException or ArgumentException or InvalidOperationException)
        {
            // The value is a secret: named, never repeated (the parser's own message may quote a piece of it).
            throw new InvalidOperationException(
                "ConnectionStrings:Storage is not an Azure Storage connection string (DefaultEndpointsProtocol=https;AccountName=…;AccountKey=…;EndpointSuffix=…).");
        }

        builder.Services.AddSingleton(tables);
        builder.Services.AddSingleton(blobs);

        builder.UseOrleans(silo =>
        {
            silo.Configure<ClusterOptions>(o =>
            {
                o.ClusterId = cluster.ClusterId;
                o.ServiceId = cluster.ServiceId;
            });

            // How fast a lost server is declared dead (Orleans' defaults unless configured).
            silo.Configure<ClusterMembershipOptions>(builder.Configuration.GetSection($"{ClusterSettings.Section}:Membership"));
            switch (cluster.ClusteringMode)
            {
                case ClusteringMode.Localhost:
                    silo.UseLocalhostClustering(cluster.SiloPort, cluster.GatewayPort, serviceId: cluster.ServiceId, clusterId: cluster.ClusterId);
                    break;
                case ClusteringMode.AzureTable:
                case ClusteringMode.Kubernetes:
                    silo.UseAzureStorageClustering(o => o.TableServiceClient = tables);
                    break;
                default:
                    throw new InvalidOperationException($"Orleans:ClusteringMode '{cluster.ClusteringMode}' is not known.");
            }

            if (cluster.ClusteringMode == ClusteringMode.Kubernetes)
            {
                // The pod's own address, advertised, listened on every interface of the pod (its
                // network is its own), on the configured ports; its name as the silo's name.
                silo.Configure<EndpointOptions>(o =>
                {
                    o.SiloPort = cluster.SiloPort;
                    o.GatewayPort = cluster.GatewayPort;
                });
                silo.UseKubernetesHosting();
            }
            else if (cluster.IsAutoAddress)
            {
                // A container's own network: its address is known only once it runs.
                silo.ConfigureEndpoints(HostAddress(), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: true);
            }
            else
            {
                // Bind and advertise one address only: loopback on our machines, never every interface.
                silo.ConfigureEndpoints(IPAddress.Parse(cluster.AdvertisedAddress), cluster.SiloPort, cluster.GatewayPort, listenOnAnyHostAddress: false);
            }

            silo.AddForumStorage(tables, blobs, cluster.ServiceId);

            // Trace context through grain calls only when traces are sent somewhere: otherwise it costs for nothing.
            if (TelemetryHosting.Tracing(builder.Configuration))
            {
                silo.AddActivityPropagation();
            }

            // Its live log stream is off: logs go to the log pipeline, which operators read, not organizers.
            if (TelemetrySettings.Read(builder.Configuration).Dashboard)
            {
                silo.AddDashboard(o => o.HideTrace = true);
            }
        });
        return builder;
    }

    /// <summary>The IPv4 address the host's name resolves to (not loopback), as other hosts reach it.</summary>
    private static IPAddress HostAddress()
    {
        var addresses = Dns.GetHostAddresses(Dns.GetHostName());
        return addresses.FirstOrDefault(a => a.AddressFamily == System.Net.Sockets.AddressFamily.InterNetwork && !IPAddress.IsLoopback(a))
            ?? throw new InvalidOperationException(
                $"Orleans:AdvertisedAddress is '{ClusterSettings.AutoAddress}' but the host name '{Dns.GetHostName()}' resolves to no IPv4 address other than loopback.");
    }

    /// <summary>The grain storage of the platform: Azure Table for small states, Blob for growing ones.</summary>
    public static ISiloBuilder AddForumStorage(this ISiloBuilder silo, TableServiceClient tables, BlobServiceClient blobs, string serviceId)
    {
        silo.AddAzureTableGrainStorage(StorageNames.Table, o =>
        {
            o.TableServiceClient = tables;
            o.TableName = TableName;
        });
        silo.AddAzureBlobGrainStorage(StorageNames.Blob, o =>
        {
            o.BlobServiceClient = blobs;
            o.ContainerName = BlobContainerOf(serviceId);
        });

        // Stored state uses Orleans' version-tolerant serializer: its [Id]s are the storage contract,
        // the same as on the wire, so a later release reads what an earlier one wrote.
        silo.Services.AddSingleton<IGrainStorageSerializer, OrleansGrainStorageSerializer>();
        return silo;
    }

    public const string TableName = "IgfGrainState";

    /// <summary>
    /// The blob container of a service's grain state. Blob names do not carry the service id (table
    /// keys do), so each service has its own container: two deployments never share a blob.
    /// </summary>
    public static string BlobContainerOf(string serviceId)
    {
        var name = new string(serviceId.ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray()).Trim('-');
        name = "igf-" + string.Join('-', name.Split('-', StringSplitOptions.RemoveEmptyEntries));
        return name.Length > 63 ? name[..63].TrimEnd('-') : name;
    }
}

/// <summary>Storage clients that give up within a bound, so that a call never outlives a grain call.</summary>
public static class StorageClientOptions
{
    public static TableClientOptions Tables()
    {
        var options = new TableClientOptions();
        Bound(options.Retry);
        return options;
    }

    public static BlobClientOptions Blobs()
    {
        var options = new BlobClientOptions();
        Bound(options.Retry);
        return options;
    }

    private static void Bound(RetryOptions retry)
    {
        retry.MaxRetries = 3;
        retry.NetworkTimeout = TimeSpan.FromSeconds(10);
        retry.Delay = TimeSpan.FromMilliseconds(200);
        retry.MaxDelay = TimeSpan.FromSeconds(2);
    }
}
