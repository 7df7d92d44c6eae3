namespace IgfPlatform.Contracts.Demo;

/// <summary>
/// Remembers whether the demo data was made, so that it is made once and never again once data
/// exists (a platform restarted keeps what people changed).
/// </summary>
[Alias("igf.IDemoDataGrain")]
public interface IDemoDataGrain : IGrainWithStringKey
{
    public const string Key = "demo";

    [Alias("GetSeededAt")]
    Task<DateTimeOffset?> GetSeededAt();

    [Alias("MarkSeeded")]
    Task MarkSeeded(int seed);
}
