using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Agenda;

namespace IgfPlatform.Domain.Tests.Agenda;

public sealed class AgendaRulesTests
{
    /// <summary>Gives ids the way the session grain does: item-1, item-2, ...</summary>
    private sealed class Counter
    {
        public int Calls { get; private set; }

        public string Next() => $"item-{++Calls}";
    }

    private static AgendaItem Item(string id = "", string title = "Opening remarks", int minutes = 10, params string[] speakers) =>
        new(id, title, minutes, speakers.Length == 0 ? ["Nnenna Nwakanma"] : speakers);

    private static ForumException Refused(IReadOnlyList<AgendaItem>? items)
    {
        var ex = Assert.Throws<ForumException>(() => AgendaRules.Normalize(items, new Counter().Next));
        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        return ex;
    }

    [Fact]
    public void An_empty_agenda_is_valid_and_stays_empty()
    {
        var counter = new Counter();

        Assert.Empty(AgendaRules.Normalize([], counter.Next));
        Assert.Equal(0, counter.Calls);
    }

    [Fact]
    public void A_missing_agenda_is_refused()
    {
        var ex = Refused(null);

        Assert.Contains("items", ex.Errors.Keys);
    }

    [Fact]
    public void New_items_get_ids_and_given_ids_are_kept()
    {
        var counter = new Counter();

        var agenda = AgendaRules.Normalize(
            [Item(""), Item("keynote"), Item(null!), Item("   "), Item("q-and-a_2")],
            counter.Next);

        Assert.Equal(["item-1", "keynote", "item-2", "item-3", "q-and-a_2"], agenda.Select(i => i.Id));
        Assert.Equal(3, counter.Calls);
    }

    [Fact]
    public void Text_is_trimmed_and_order_kept()
    {
        var agenda = AgendaRules.Normalize(
            [
                new AgendaItem("  welcome ", "  Welcome and introductions\t", 5, ["  Anriette Esterhuysen ", "Vint Cerf"]),
                new AgendaItem("panel", "Panel: securing critical Internet resources", 45, []),
            ],
            new Counter().Next);

        Assert.Equal(2, agenda.Count);
        Assert.Equal(new AgendaItem("welcome", "Welcome and introductions", 5, agenda[0].Speakers), agenda[0]);
        Assert.Equal(["Anriette Esterhuysen", "Vint Cerf"], agenda[0].Speakers);
        Assert.Equal("panel", agenda[1].Id);
        Assert.Empty(agenda[1].Speakers);
    }

    [Fact]
    public void Null_speakers_mean_none()
    {
        var agenda = AgendaRules.Normalize([new AgendaItem("a", "Title", 5, null!)], new Counter().Next);

        Assert.Empty(agenda[0].Speakers);
    }

    [Fact]
    public void Every_bad_field_is_reported_with_its_path()
    {
        var tooManySpeakers = Enumerable.Range(1, AgendaLimits.MaxSpeakers + 1).Select(i => $"Speaker {i}").ToArray();
        var ex = Refused(
        [
            Item("fine"),
            Item(title: "   "),
            Item(minutes: 0),
            Item(minutes: AgendaLimits.MaxMinutes + 1),
            Item(speakers: tooManySpeakers),
            Item(speakers: ["Alice", " "]),
            Item("bad id!"),
            null!,
            Item(title: new string('t', AgendaLimits.MaxTitleLength + 1), minutes: -5),
        ]);

        Assert.Equal(
            new[]
            {
                "items[1].title", "items[2].minutes", "items[3].minutes", "items[4].speakers", "items[5].speakers",
                "items[6].id", "items[7]", "items[8].title", "items[8].minutes",
            }.Order(StringComparer.Ordinal),
            ex.Errors.Keys.Order(StringComparer.Ordinal));
        Assert.All(ex.Errors.Values, messages => Assert.NotEmpty(Assert.Single(messages)));
        Assert.Contains(AgendaLimits.MaxMinutes.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Errors["items[2].minutes"][0]);
        Assert.Contains(AgendaLimits.MaxSpeakers.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Errors["items[4].speakers"][0]);
        Assert.Contains(AgendaLimits.MaxTitleLength.ToString(System.Globalization.CultureInfo.InvariantCulture), ex.Errors["items[8].title"][0]);
    }

    [Fact]
    public void A_duplicate_id_is_reported_on_the_second_item()
    {
        var ex = Refused([Item("keynote"), Item("panel"), Item(" keynote ")]);

        var message = Assert.Single(Assert.Single(ex.Errors, e => e.Key == "items[2].id").Value);
        Assert.Contains("keynote", message, StringComparison.Ordinal);
        Assert.Single(ex.Errors);
    }

    [Fact]
    public void Ids_are_compared_exactly()
    {
        var agenda = AgendaRules.Normalize([Item("Panel"), Item("panel")], new Counter().Next);

        Assert.Equal(["Panel", "panel"], agenda.Select(i => i.Id));
    }

    [Fact]
    public void Values_at_the_limits_are_accepted()
    {
        var items = Enumerable.Range(0, AgendaLimits.MaxItems)
            .Select(i => new AgendaItem(
                i == 0 ? new string('x', AgendaLimits.MaxIdLength) : $"i{i}",
                new string('t', AgendaLimits.MaxTitleLength),
                i % 2 == 0 ? 1 : AgendaLimits.MaxMinutes,
                Enumerable.Range(0, AgendaLimits.MaxSpeakers).Select(s => new string('s', AgendaLimits.MaxSpeakerNameLength)).ToList()))
            .ToList();

        var agenda = AgendaRules.Normalize(items, new Counter().Next);

        Assert.Equal(AgendaLimits.MaxItems, agenda.Count);
        Assert.Equal(AgendaLimits.MaxIdLength, agenda[0].Id.Length);
    }

    [Fact]
    public void Values_just_past_the_limits_are_refused()
    {
        Assert.Contains("items", Refused(Enumerable.Range(0, AgendaLimits.MaxItems + 1).Select(i => Item($"i{i}")).ToList()).Errors.Keys);
        Assert.Contains("items[0].id", Refused([Item(new string('x', AgendaLimits.MaxIdLength + 1))]).Errors.Keys);
        Assert.Contains("items[0].title", Refused([Item(title: new string('t', AgendaLimits.MaxTitleLength + 1))]).Errors.Keys);
        Assert.Contains("items[0].minutes", Refused([Item(minutes: AgendaLimits.MaxMinutes + 1)]).Errors.Keys);
        Assert.Contains("items[0].speakers", Refused([Item(speakers: new string('s', AgendaLimits.MaxSpeakerNameLength + 1))]).Errors.Keys);
        Assert.Contains(
            "items[0].speakers",
            Refused([Item(speakers: Enumerable.Range(0, AgendaLimits.MaxSpeakers + 1).Select(i => $"S{i}").ToArray())]).Errors.Keys);
    }

    [Fact]
    public void Trimming_happens_before_the_length_check()
    {
        var padded = $"  {new string('t', AgendaLimits.MaxTitleLength)}  ";

        var agenda = AgendaRules.Normalize([Item(title: padded)], new Counter().Next);

        Assert.Equal(AgendaLimits.MaxTitleLength, agenda[0].Title.Length);
    }

    /// <summary>
    /// Bug: an agenda whose given ids are all distinct is refused when the platform's own new id for an
    /// item without one is equal to an id the moderator gave another item (e.g. an agenda copied from
    /// another session). The platform chose the clashing id, not the moderator.
    /// </summary>
    [Fact]
    public void A_new_item_never_gets_an_id_already_given_to_another_item()
    {
        var agenda = AgendaRules.Normalize([Item(""), Item("item-1")], new Counter().Next);

        Assert.Equal(2, agenda.Select(i => i.Id).Distinct(StringComparer.Ordinal).Count());
        Assert.Equal("item-1", agenda[1].Id);
    }
}
