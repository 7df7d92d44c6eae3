using System.Text;
using Azure.Data.Tables;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Grains.Questions;

namespace IgfPlatform.Server.Questions;

/// <summary>
/// Questions and votes in Azure Table: one partition per session, one entity per question and one
/// for the settings. Votes are properties of bucket entities (<c>v|{questionId}|{bucket}</c>, one
/// boolean property per voter, up to 200 voters a bucket, filled in turn by the board), merged in
/// place: storing votes writes only the properties that changed, several votes of one bucket go in
/// one operation, and a question's votes take one entity per 200 voters instead of one each.
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
                    votes.AddRange(ToVotes(entity));
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

        // Votes of one bucket become one merge of their properties; everything else replaces its entity.
        var actions = records.OfType<VoteRecord>()
            .GroupBy(v => BucketKey(v.QuestionId, v.Bucket), StringComparer.Ordinal)
            .Select(bucket =>
            {
                var entity = new TableEntity(sessionId, bucket.Key);
                foreach (var vote in bucket)
                {
                    entity[VoterProperty(vote.ParticipantId)] = vote.Up;
                }

                return new TableTransactionAction(TableTransactionActionType.UpsertMerge, entity);
            })
            .Concat(records.Where(r => r is not VoteRecord).Select(r => new TableTransactionAction(TableTransactionActionType.UpsertReplace, ToEntity(sessionId, r))))
            .ToList();
        if (records.Count > IQuestionLedger.MaxRecordsPerWrite)
        {
            throw new ArgumentException($"A write holds at most {IQuestionLedger.MaxRecordsPerWrite} records.", nameof(records));
        }

        if (actions.Count == 1)
        {
            var single = actions[0];
            await _table.UpsertEntityAsync(single.Entity, single.ActionType == TableTransactionActionType.UpsertMerge ? TableUpdateMode.Merge : TableUpdateMode.Replace, cancellationToken);
            return;
        }

        await _table.SubmitTransactionAsync(actions, cancellationToken);
    }

    /// <summary>The bucket entity a vote lives in.</summary>
    private static string BucketKey(string questionId, int bucket) => $"v|{questionId}|{bucket:D4}";

    /// <summary>A property name for a voter: 'v' and the id's UTF-8 bytes in hex (names allow letters and digits only).</summary>
    private static string VoterProperty(string participantId) => "v" + Convert.ToHexStringLower(Encoding.UTF8.GetBytes(participantId));

    private static IEnumerable<VoteRecord> ToVotes(TableEntity bucket)
    {
        var key = bucket.RowKey.Split('|');
        if (!int.TryParse(key[2], System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out var number))
        {
            // The first layout of this table (one entity per vote, keyed by the voter), still read.
            yield return new VoteRecord(bucket.GetString("QuestionId"), bucket.GetString("ParticipantId"), bucket.GetBoolean("Up") ?? false);
            yield break;
        }

        foreach (var (name, value) in bucket)
        {
            if (name.Length > 1 && name[0] == 'v' && value is bool up)
            {
                yield return new VoteRecord(key[1], Encoding.UTF8.GetString(Convert.FromHexString(name.AsSpan(1))), up, number);
            }
        }
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
