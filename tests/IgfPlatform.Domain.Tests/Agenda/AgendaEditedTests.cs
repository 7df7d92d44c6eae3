using CsCheck;
using IgfPlatform.Contracts.Agenda;

namespace IgfPlatform.Domain.Tests.Agenda;

/// <summary>
/// <see cref="AgendaEdited"/>: what a targeted edit sends followers, and the agenda they rebuild from it.
/// </summary>
public sealed class AgendaEditedTests
{
    private static readonly IReadOnlyList<AgendaItem> Agenda =
    [
        new("opening", "Opening remarks", 10, ["Anriette Esterhuysen"]),
        new("panel", "Panel: securing critical Internet resources", 20, ["Vint Cerf", "Nnenna Nwakanma"]),
        new("discussion", "Open discussion", 30, []),
    ];

    private static string Json(object value) => System.Text.Json.JsonSerializer.Serialize(value);

    [Fact]
    public void An_added_item_is_the_only_item_sent()
    {
        var added = new AgendaItem("spam", "Spam and the developing world", 15, []);
        IReadOnlyList<AgendaItem> after = [Agenda[0], added, Agenda[1], Agenda[2]];

        var edit = AgendaEdited.Between(Agenda, after);

        Assert.Equal(["opening", "spam", "panel", "discussion"], edit.Order);
        Assert.Same(added, Assert.Single(edit.Items));
        Assert.Equal(Json(after), Json(edit.ApplyTo(Agenda)!));
    }

    [Fact]
    public void A_move_or_a_removal_sends_no_item()
    {
        Assert.Empty(AgendaEdited.Between(Agenda, [Agenda[2], Agenda[0], Agenda[1]]).Items);
        Assert.Empty(AgendaEdited.Between(Agenda, [Agenda[0], Agenda[2]]).Items);
        Assert.Equal(Json(new[] { Agenda[0], Agenda[2] }), Json(AgendaEdited.Between(Agenda, [Agenda[0], Agenda[2]]).ApplyTo(Agenda)!));
    }

    [Fact]
    public void An_item_equal_in_value_is_not_sent_one_changed_in_anything_is()
    {
        // Stored agendas come back from storage as new instances with new lists of speakers.
        var copy = Agenda.Select(i => i with { Speakers = [.. i.Speakers] }).ToList();
        Assert.Empty(AgendaEdited.Between(Agenda, copy).Items);

        AgendaItem[] changed =
        [
            Agenda[1] with { Title = "Panel: critical Internet resources" },
            Agenda[1] with { Minutes = 25 },
            Agenda[1] with { Speakers = ["Vint Cerf"] },
            Agenda[1] with { Speakers = ["Nnenna Nwakanma", "Vint Cerf"] },
        ];
        foreach (var item in changed)
        {
            IReadOnlyList<AgendaItem> after = [Agenda[0], item, Agenda[2]];
            Assert.Same(item, Assert.Single(AgendaEdited.Between(Agenda, after).Items));
        }
    }

    [Fact]
    public void An_edit_keeping_an_item_the_follower_does_not_hold_does_not_apply()
    {
        var edit = AgendaEdited.Between(Agenda, [Agenda[1], Agenda[0]]);

        Assert.Null(edit.ApplyTo([Agenda[0]]));
        Assert.Null(edit.ApplyTo([]));
    }

    private static readonly Gen<AgendaItem> Items =
        Gen.Select(Gen.Int[0, 11], Gen.String[Gen.Char.AlphaNumeric, 1, 12], Gen.Int[1, 480], Gen.String[Gen.Char.AlphaNumeric, 1, 8].Array[0, 3],
            (id, title, minutes, speakers) => new AgendaItem($"item-{id}", title, minutes, speakers));

    private static readonly Gen<IReadOnlyList<AgendaItem>> Agendas =
        Items.Array[0, 10].Select(items => (IReadOnlyList<AgendaItem>)items.DistinctBy(i => i.Id).ToList());

    /// <summary>
    /// Between any two agendas (items kept as they were, changed, added, removed, reordered), the edit
    /// rebuilds the second from the first, and sends exactly the items the first lacks or held otherwise.
    /// </summary>
    [Fact]
    public void Any_edit_rebuilds_the_agenda_after_it_sending_only_what_changed()
    {
        Gen.Select(Agendas, Agendas, Gen.Int[0, 1].Array[12], Gen.Int)
            .Sample((before, others, keep, seed) =>
            {
                // Part of the items kept, as equal copies; the others' items besides (changed or new); shuffled.
                var kept = before.Where((_, n) => keep[n] == 1).Select(i => i with { Speakers = [.. i.Speakers] }).ToList();
                var after = kept.Concat(others.Where(o => kept.All(k => k.Id != o.Id))).ToArray();
                new Random(seed).Shuffle(after);

                var edit = AgendaEdited.Between(before, after);

                Assert.Equal(Json(after), Json(edit.ApplyTo(before)!));
                var held = before.ToDictionary(i => i.Id);
                var expected = after.Where(a => !held.TryGetValue(a.Id, out var b) || Json(a) != Json(b)).Select(a => a.Id);
                Assert.Equal(expected, edit.Items.Select(i => i.Id));
            }, iter: 2_000);
    }
}
