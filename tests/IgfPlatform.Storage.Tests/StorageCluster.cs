using Azure.Data.Tables;
using Azure.Storage.Blobs;
using IgfPlatform.Contracts.Identity;
using IgfPlatform.Server.Hosting;
using IgfPlatform.Testing;
using Microsoft.Extensions.DependencyInjection;
using Orleans.TestingHost;

namespace IgfPlatform.Storage.Tests;

/// <summary>Two silos keeping grain state in Azurite through the platform's own storage setup.</summary>
public sealed class StorageCluster : IAsyncLifetime
{
    public AzuriteInstance Azurite { get; private set; } = null!;

    public InProcessTestCluster Cluster { get; private set; } = null!;

    public TableServiceClient Tables { get; private set; } = null!;

    public BlobServiceClient Blobs { get; private set; } = null!;

    /// <summary>The container holding this cluster's growing grain states.</summary>
    public BlobContainerClient GrainBlobs { get; private set; } = null!;

    public IGrainFactory Grains => Cluster.Client;

    public async Task InitializeAsync()
    {
        Azurite = await AzuriteInstance.StartAsync();
        Tables = new TableServiceClient(Azurite.ConnectionString, StorageClientOptions.Tables());
        var blobs = new BlobServiceClient(Azurite.ConnectionString, StorageClientOptions.Blobs());
        Blobs = blobs;
        var builder = new InProcessTestClusterBuilder(2);
        var serviceId = builder.Options.ServiceId;
        GrainBlobs = blobs.GetBlobContainerClient(OrleansHosting.BlobContainerOf(serviceId));
        builder.ConfigureSilo((_, silo) =>
        {
            silo.AddForumStorage(Tables, blobs, serviceId);
            silo.Services.AddSingleton(TimeProvider.System);
        });
        Cluster = builder.Build();
        await Cluster.DeployAsync();
    }

    public async Task DisposeAsync()
    {
        if (Cluster is not null)
        {
            await Cluster.DisposeAsync();
        }

        if (Azurite is not null)
        {
            await Azurite.DisposeAsync();
        }
    }

    /// <summary>A registered participant who is an organizer.</summary>
    public async Task<string> NewOrganizer()
    {
        var id = await NewParticipant();
        await Grains.GetGrain<IParticipantGrain>(id).SetOrganizer(true);
        return id;
    }

    /// <summary>A registered participant, of the given stakeholder group when one is given.</summary>
    public async Task<string> NewParticipant(Contracts.Vocabulary.StakeholderGroup? group = null)
    {
        var person = ForumFaker.Person();
        person = group is { } g ? person with { StakeholderGroup = g } : person;
        var id = "p-" + Guid.NewGuid().ToString("N");
        await Grains.GetGrain<IAccountGrain>(person.Email).Register(
            new ParticipantProfile(id, person.Email, person.DisplayName, person.StakeholderGroup, person.Region, person.Gender, null, null, [], DateTimeOffset.UtcNow),
            "hash-not-used-here");
        return id;
    }
}
