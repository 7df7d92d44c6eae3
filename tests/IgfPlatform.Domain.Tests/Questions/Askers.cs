using IgfPlatform.Contracts.Identity;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Domain.Tests.Questions;

/// <summary>People who ask, and questions asked the way the board grain asks them (prepare, apply, count).</summary>
public static class Askers
{
    public static readonly DateTimeOffset Start = new(2026, 6, 23, 9, 0, 0, TimeSpan.Zero);

    public static readonly ParticipantProfile Amina = Person("p-amina", "Amina Diallo", StakeholderGroup.CivilSociety, Region.Africa);

    public static readonly ParticipantProfile Bruno = Person("p-bruno", "Bruno Keller", StakeholderGroup.Government, Region.WesternEuropeOthers);

    public static readonly ParticipantProfile Chen = Person("p-chen", "Chen Wei", StakeholderGroup.TechnicalAcademic, Region.AsiaPacific);

    public static ParticipantProfile Person(string id, string name, StakeholderGroup group, Region region) =>
        new(id, $"{id}@test.igf.example", name, group, region, null, null, null, [], Start);

    /// <summary>What the grain does for a new question once it is stored: apply it and count it against the asker's limits.</summary>
    public static QuestionRecord Ask(
        this QuestionBoard board, ParticipantProfile asker, string text, DateTimeOffset at, bool anonymous = false, string? requestId = null)
    {
        var question = board.PrepareAsk(asker, requestId ?? $"req-{Guid.NewGuid():N}", text, anonymous, at, $"q-{Guid.NewGuid():N}"[..14]);
        board.Apply(question);
        board.NoteAsked(question);
        return question;
    }

    public static QuestionRecord Approved(this QuestionBoard board, QuestionRecord question) =>
        board.Replace(question, q => q with { Status = QuestionStatus.Approved, WasApproved = true, HiddenReason = null, HiddenBy = null });

    public static QuestionRecord Hidden(this QuestionBoard board, QuestionRecord question, string reason, string by = "p-moderator") =>
        board.Replace(question, q => q with { Status = QuestionStatus.Hidden, Highlighted = false, HiddenReason = reason, HiddenBy = by });

    public static QuestionRecord Answered(this QuestionBoard board, QuestionRecord question, DateTimeOffset at) =>
        board.Replace(question, q => q with { Status = QuestionStatus.Answered, Highlighted = false, AnsweredAt = at });

    public static void Vote(this QuestionBoard board, QuestionRecord question, string participantId, bool up = true) =>
        board.Apply(new VoteRecord(question.Id, participantId, up));

    private static QuestionRecord Replace(this QuestionBoard board, QuestionRecord question, Func<QuestionRecord, QuestionRecord> change)
    {
        var after = change(board.Find(question.Id)!);
        board.Apply(after);
        return after;
    }
}
