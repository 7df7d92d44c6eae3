using IgfPlatform.Contracts.Questions;

namespace IgfPlatform.Client.Live;

/// <summary>How question events change what a participant sees. Applying an event twice changes nothing.</summary>
public static class QuestionReducer
{
    public static QuestionBoardView Apply(QuestionBoardView board, object data) => data switch
    {
        QuestionAdded added => WithVisible(board, added.Question),
        QuestionUpdated { Question: { } visible } updated => Mine(WithVisible(board, visible), updated),
        QuestionUpdated hidden => Mine(board with { Questions = board.Questions.Where(q => q.Id != hidden.QuestionId).ToList() }, hidden),
        QuestionVotesChanged votes => board with
        {
            Questions = board.Questions.Select(q => votes.Votes.TryGetValue(q.Id, out var n) ? q with { Upvotes = n } : q).ToList(),
        },
        ModerationQueueChanged queue => board with { PreModeration = queue.PreModeration },
        _ => board,
    };

    private static QuestionBoardView WithVisible(QuestionBoardView board, QuestionView question)
    {
        var list = board.Questions.Where(q => q.Id != question.Id).Append(question).ToList();
        var mine = board.Mine.Select(m => m.Question.Id == question.Id ? m with { Question = question with { AskerName = m.Question.AskerName } } : m).ToList();
        return board with { Questions = list, Mine = mine };
    }

    private static QuestionBoardView Mine(QuestionBoardView board, QuestionUpdated update) => board with
    {
        Mine = board.Mine.Select(m => m.Question.Id == update.QuestionId
            ? m with { Question = m.Question with { Status = update.Status, Highlighted = update.Highlighted } }
            : m).ToList(),
    };
}
