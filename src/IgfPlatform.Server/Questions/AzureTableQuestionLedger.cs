using Azure.Data.Tables;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Server.Questions;

/// <summary>
/// Questions and votes in Azure Table: one partition per session, one small entity per question,
/// per vote and for the settings, so that storing a vote writes one entity and a group of votes is
/// one transaction of up to 100 entities.
/// </summary>
public sealed class AzureTableQuestionLedger(TableServiceClient tables) : IQuestionLedger
{
    public const string TableName = "IgfQuestions";
    private readonly TableClient _table = tables.GetTableClient(TableName);
    private readonly Lazy<Task> _created = new(() => tables.GetTableClient(TableName).CreateIfNotExistsAsync());

    public async Task<LedgerContents> Load(string sessionId, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var questions = new List<QuestionRecord>();
        var votes = new List<VoteRecord>();
        BoardSettings? settings = null;
        var filter = TableClient.CreateQueryFilter($"PartitionKey eq {sessionId}");
        await foreach (var entity in _table.QueryAsync<TableEntity>(filter, maxPerPage: 1000, cancellationToken: cancellationToken))
        {
            switch (entity.RowKey[0])
            {
                case 'q':
                    questions.Add(ToQuestion(entity));
                    break;
                case 'v':
                    votes.Add(new VoteRecord(entity.GetString("QuestionId"), entity.GetString("ParticipantId"), entity.GetBoolean("Up") ?? false));
                    break;
                case 's':
                    settings = new BoardSettings(entity.GetBoolean("PreModeration") ?? false);
                    break;
                default:
                    throw new InvalidOperationException($"Unknown question record '{entity.RowKey}' in session '{sessionId}'.");
            }
        }

        return new LedgerContents(questions, votes, settings);
    }

    public async Task Write(string sessionId, IReadOnlyList<object> records, CancellationToken cancellationToken = default)
    {
        await _created.Value;
        var actions = records.Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(sessionId, r))).ToList();
        if (actions.Count == 1)
        {
            await _table.UpsertEntityAsync(actions[0].Entity, TableUpdateMode.Replace, cancellationToken);
            return;
        }

        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    private static TableEntity ToEntity(string sessionId, object record) => record switch
    {
        QuestionRecord q => new TableEntity(sessionId, "q|" + q.Id)
        {
            ["Text"] = q.Text,
            ["AskerId"] = q.AskerId,
            ["AskerName"] = q.AskerName,
            ["StakeholderGroup"] = (int)q.StakeholderGroup,
            ["Region"] = (int)q.Region,
            ["Anonymous"] = q.Anonymous,
            ["Status"] = (int)q.Status,
            ["Highlighted"] = q.Highlighted,
            ["AskedAt"] = q.AskedAt,
            ["AnsweredAt"] = q.AnsweredAt,
            ["HiddenReason"] = q.HiddenReason,
            ["HiddenBy"] = q.HiddenBy,
            ["ClientRequestId"] = q.ClientRequestId,
            ["WasApproved"] = q.WasApproved,
        },
        VoteRecord v => new TableEntity(sessionId, $"v|{v.QuestionId}|{v.ParticipantId}")
        {
            ["QuestionId"] = v.QuestionId,
            ["ParticipantId"] = v.ParticipantId,
            ["Up"] = v.Up,
        },
        BoardSettings s => new TableEntity(sessionId, "s") { ["PreModeration"] = s.PreModeration },
        _ => throw new ArgumentException($"A {record.GetType().Name} is not a question record.", nameof(record)),
    };

    private static QuestionRecord ToQuestion(TableEntity e) => new(
        e.RowKey[2..], e.GetString("Text"), e.GetString("AskerId"), e.GetString("AskerName"),
        (StakeholderGroup)(e.GetInt32("StakeholderGroup") ?? 0), (Region)(e.GetInt32("Region") ?? 0),
        e.GetBoolean("Anonymous") ?? false, (QuestionStatus)(e.GetInt32("Status") ?? 0), e.GetBoolean("Highlighted") ?? false,
        e.GetDateTimeOffset("AskedAt") ?? DateTimeOffset.MinValue, e.GetDateTimeOffset("AnsweredAt"),
        e.GetString("HiddenReason"), e.GetString("HiddenBy"), e.GetString("ClientRequestId"), e.GetBoolean("WasApproved") ?? false);
}
