namespace IgfPlatform.Contracts.Agenda;

/// <summary>One item of a session's agenda.</summary>
/// <param name="Id">Stable within the session; chosen by the client or given by the platform when empty.</param>
/// <param name="Title">What is discussed.</param>
/// <param name="Minutes">Time allotted.</param>
/// <param name="Speakers">Names of the speakers of this item.</param>
[GenerateSerializer]
[Immutable]
[Alias("igf.AgendaItem")]
public sealed record AgendaItem(
    [property: Id(0)] string Id,
    [property: Id(1)] string Title,
    [property: Id(2)] int Minutes,
    [property: Id(3)] IReadOnlyList<string> Speakers);

[GenerateSerializer]
[Immutable]
[Alias("igf.AgendaChanged")]
public sealed record AgendaChanged(
    [property: Id(0)] IReadOnlyList<AgendaItem> Items);

[GenerateSerializer]
[Immutable]
[Alias("igf.CurrentItemChanged")]
public sealed record CurrentItemChanged(
    [property: Id(0)] string? ItemId);

/// <summary>Limits on agenda input, stated in the docs.</summary>
public static class AgendaLimits
{
    public const int MaxItems = 100;
    public const int MaxTitleLength = 200;
    public const int MaxMinutes = 480;
    public const int MaxSpeakers = 20;
    public const int MaxSpeakerNameLength = 120;
    public const int MaxIdLength = 64;
}
