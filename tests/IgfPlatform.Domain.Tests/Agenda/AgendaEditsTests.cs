using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Agenda;

namespace IgfPlatform.Domain.Tests.Agenda;

/// <summary><see cref="AgendaEdits"/>: targeted edits of the agenda as it stands.</summary>
public sealed class AgendaEditsTests
{
    private static readonly IReadOnlyList<AgendaItem> Agenda =
    [
        new("opening", "Opening remarks", 10, ["Anriette Esterhuysen"]),
        new("panel", "Panel: securing critical Internet resources", 20, ["Vint Cerf"]),
        new("discussion", "Open discussion", 30, []),
        new("closing", "Closing remarks", 5, ["Nnenna Nwakanma"]),
    ];

    private static readonly AgendaItem Break = new("break", "Coffee break", 15, []);

    private static string[] Ids(IEnumerable<AgendaItem> agenda) => agenda.Select(i => i.Id).ToArray();

    private static void RefusedNaming(string field, string named, Action edit)
    {
        var ex = Assert.Throws<ForumException>(edit);
        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        var message = Assert.Single(Assert.Single(ex.Errors, e => e.Key == field).Value);
        Assert.Contains(named, message, StringComparison.Ordinal);
        Assert.Contains(named, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Add_without_a_position_appends()
    {
        var agenda = AgendaEdits.Add(Agenda, Break, null);

        Assert.Equal(["opening", "panel", "discussion", "closing", "break"], Ids(agenda));
        Assert.Same(Break, agenda[^1]);
        Assert.Equal(4, Agenda.Count);
    }

    [Theory]
    [InlineData("opening", new[] { "break", "opening", "panel", "discussion", "closing" })]
    [InlineData("discussion", new[] { "opening", "panel", "break", "discussion", "closing" })]
    [InlineData("closing", new[] { "opening", "panel", "discussion", "break", "closing" })]
    public void Add_before_an_item_inserts_just_before_it(string beforeItemId, string[] expected)
    {
        var agenda = AgendaEdits.Add(Agenda, Break, beforeItemId);

        Assert.Equal(expected, Ids(agenda));
        Assert.Equal(["opening", "panel", "discussion", "closing"], Ids(Agenda));
    }

    [Fact]
    public void Add_to_an_empty_agenda()
    {
        Assert.Equal(["break"], Ids(AgendaEdits.Add([], Break, null)));
    }

    [Fact]
    public void Add_before_an_unknown_item_is_refused_naming_it()
    {
        RefusedNaming("itemId", "keynote", () => AgendaEdits.Add(Agenda, Break, "keynote"));
    }

    [Fact]
    public void Add_without_an_item_is_refused()
    {
        var ex = Assert.Throws<ForumException>(() => AgendaEdits.Add(Agenda, null!, null));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        Assert.Contains("item", ex.Errors.Keys);
    }

    [Theory]
    [InlineData("opening", new[] { "panel", "discussion", "closing" })]
    [InlineData("discussion", new[] { "opening", "panel", "closing" })]
    [InlineData("closing", new[] { "opening", "panel", "discussion" })]
    public void Remove_takes_out_only_that_item(string itemId, string[] expected)
    {
        var agenda = AgendaEdits.Remove(Agenda, itemId);

        Assert.Equal(expected, Ids(agenda));
        Assert.Equal(4, Agenda.Count);
    }

    [Fact]
    public void Remove_of_an_unknown_item_is_refused_naming_it()
    {
        RefusedNaming("itemId", "keynote", () => AgendaEdits.Remove(Agenda, "keynote"));
        RefusedNaming("itemId", "keynote", () => AgendaEdits.Remove([], "keynote"));
    }

    public static TheoryData<string, int> Moves()
    {
        var data = new TheoryData<string, int>();
        foreach (var item in Agenda)
        {
            for (var index = 0; index < Agenda.Count; index++)
            {
                data.Add(item.Id, index);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Moves))]
    public void Move_puts_the_item_at_the_index_and_keeps_the_others_in_order(string itemId, int toIndex)
    {
        var agenda = AgendaEdits.Move(Agenda, itemId, toIndex);

        Assert.Equal(Agenda.Count, agenda.Count);
        Assert.Equal(itemId, agenda[toIndex].Id);
        Assert.Same(Agenda.Single(i => i.Id == itemId), agenda[toIndex]);
        Assert.Equal(Ids(Agenda.Where(i => i.Id != itemId)), Ids(agenda.Where(i => i.Id != itemId)));
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(4)]
    [InlineData(int.MaxValue)]
    [InlineData(int.MinValue)]
    public void Move_out_of_range_is_refused_with_the_range(int toIndex)
    {
        var ex = Assert.Throws<ForumException>(() => AgendaEdits.Move(Agenda, "panel", toIndex));

        Assert.Equal(ForumErrorKind.Invalid, ex.Kind);
        var message = Assert.Single(Assert.Single(ex.Errors, e => e.Key == "toIndex").Value);
        Assert.Contains("0 to 3", message, StringComparison.Ordinal);
    }

    [Fact]
    public void Move_of_an_unknown_item_is_refused_naming_it()
    {
        RefusedNaming("itemId", "keynote", () => AgendaEdits.Move(Agenda, "keynote", 0));
    }

    [Fact]
    public void SetMinutes_changes_only_that_items_minutes()
    {
        var agenda = AgendaEdits.SetMinutes(Agenda, "panel", 35);

        Assert.Equal(Ids(Agenda), Ids(agenda));
        Assert.Equal([10, 35, 30, 5], agenda.Select(i => i.Minutes));
        Assert.Equal(Agenda[1] with { Minutes = 35 }, agenda[1]);
        Assert.Equal(20, Agenda[1].Minutes);
    }

    [Fact]
    public void SetMinutes_of_an_unknown_item_is_refused_naming_it()
    {
        RefusedNaming("itemId", "keynote", () => AgendaEdits.SetMinutes(Agenda, "keynote", 10));
    }

    [Fact]
    public void Ids_are_matched_exactly()
    {
        RefusedNaming("itemId", "Panel", () => AgendaEdits.Remove(Agenda, "Panel"));
        RefusedNaming("itemId", " panel", () => AgendaEdits.SetMinutes(Agenda, " panel", 10));
    }
}
