using System.Reflection;
using IgfPlatform.Contracts.Agenda;
using IgfPlatform.Contracts.Questions;
using IgfPlatform.Contracts.SpeakingQueue;
using IgfPlatform.Contracts.Vocabulary;
using IgfPlatform.Server.Live;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>Who may call a hub method.</summary>
public enum HubRole
{
    Anyone,
    Participant,
    Moderator,
}

/// <summary>A hub method's role and a call with valid arguments on the demo data (the cases spoil one argument at a time).</summary>
public sealed record HubCase(HubRole Role, Func<BadInputServer, object?[]> ValidArguments);

/// <summary>Every public method of <see cref="ForumHub"/> found by reflection, and the table that classifies them.</summary>
public static class HubMethods
{
    /// <summary>What SignalR exposes: the public instance methods declared by the hub, not Hub's own.</summary>
    public static IReadOnlyList<MethodInfo> All { get; } =
        [.. typeof(ForumHub).GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
            .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(ForumHub))
            .OrderBy(m => m.Name, StringComparer.Ordinal)];

    private const string Live = BadInputServer.LiveSessionId;
    private const string Topic = BadInputServer.Topic;

    public static IReadOnlyDictionary<string, HubCase> Cases { get; } = new Dictionary<string, HubCase>(StringComparer.Ordinal)
    {
        ["JoinSession"] = new(HubRole.Anyone, _ => [Live]),
        ["LeaveSession"] = new(HubRole.Anyone, _ => [Live]),
        ["SetAttendance"] = new(HubRole.Participant, _ => [Live, true]),
        ["Resync"] = new(HubRole.Anyone, _ => [Live, 1L, 0L]),
        ["AskQuestion"] = new(HubRole.Participant, _ => [Live, NewRequestId(), "What about small island states?", false]),
        ["Upvote"] = new(HubRole.Participant, s => [Live, s.QuestionId]),
        ["RemoveUpvote"] = new(HubRole.Participant, s => [Live, s.QuestionId]),
        ["ApproveQuestion"] = new(HubRole.Moderator, s => [Live, s.QuestionId]),
        ["HideQuestion"] = new(HubRole.Moderator, s => [Live, s.QuestionId, "Off topic."]),
        ["HighlightQuestion"] = new(HubRole.Moderator, s => [Live, s.QuestionId]),
        ["MarkAnswered"] = new(HubRole.Moderator, s => [Live, s.QuestionId]),
        ["SetPreModeration"] = new(HubRole.Moderator, _ => [Live, false]),
        ["GetQuestions"] = new(HubRole.Anyone, _ => [Live, QuestionOrder.Votes]),
        ["GetModerationQueue"] = new(HubRole.Moderator, _ => [Live]),
        ["RequestFloor"] = new(HubRole.Participant, _ => [Live, NewRequestId(), "intervention", "On access."]),
        ["RequestFloorForHub"] = new(HubRole.Participant, _ => [Live, NewRequestId(), "intervention", "From Dakar.", new RemoteHub("Dakar hub", 12, Region.Africa)]),
        ["WithdrawFloor"] = new(HubRole.Participant, s => [Live, s.WaitingEntryId]),
        ["GetMyFloorEntry"] = new(HubRole.Anyone, _ => [Live]),
        ["GetFloor"] = new(HubRole.Anyone, _ => [Live]),
        ["GetFloorQueue"] = new(HubRole.Moderator, _ => [Live]),
        ["AddFloorEntry"] = new(HubRole.Moderator, _ => [Live, NewRequestId(),
            new FloorEntryDraft("Delegate in the room", StakeholderGroup.Government, Region.AsiaPacific, null, FloorKind.Intervention, true)]),
        ["DismissFloorEntry"] = new(HubRole.Moderator, s => [Live, s.WaitingEntryId, "Left the room."]),
        ["SuggestNextSpeaker"] = new(HubRole.Moderator, _ => [Live]),
        ["GiveFloor"] = new(HubRole.Moderator, s => [Live, s.WaitingEntryId, "Chair's choice."]),
        ["EndSpeech"] = new(HubRole.Moderator, _ => [Live]),
        ["SetQueueOpen"] = new(HubRole.Moderator, _ => [Live, false]),
        ["StartSession"] = new(HubRole.Moderator, _ => [Live]),
        ["EndSession"] = new(HubRole.Moderator, _ => [Live]),
        ["SetAgenda"] = new(HubRole.Moderator, _ => [Live, new List<AgendaItem> { new("item-x", "Opening", 10, ["Chair"]) }]),
        ["SetCurrentItem"] = new(HubRole.Moderator, s => [Live, s.AgendaItemId]),
        ["AddAgendaItem"] = new(HubRole.Moderator, s => [Live, new AgendaItem("item-x", "Added", 5, []), s.AgendaItemId]),
        ["RemoveAgendaItem"] = new(HubRole.Moderator, s => [Live, s.AgendaItemId]),
        ["MoveAgendaItem"] = new(HubRole.Moderator, s => [Live, s.AgendaItemId, 1]),
        ["SetItemMinutes"] = new(HubRole.Moderator, s => [Live, s.AgendaItemId, 15]),
        ["SkipItem"] = new(HubRole.Moderator, s => [Live, s.AgendaItemId]),
        ["Contribute"] = new(HubRole.Participant, s => [s.ConsultationId, NewRequestId(), 1, "agree", "A contribution.", null]),
        ["GetConsultationSummary"] = new(HubRole.Anyone, s => [s.ConsultationId]),
        ["FollowArchive"] = new(HubRole.Anyone, _ => []),
        ["LeaveArchive"] = new(HubRole.Anyone, _ => []),
        ["ResyncArchive"] = new(HubRole.Anyone, _ => [1L, 0L]),
        ["FollowTopic"] = new(HubRole.Anyone, _ => [Topic]),
        ["LeaveTopic"] = new(HubRole.Anyone, _ => [Topic]),
        ["ResyncTopic"] = new(HubRole.Anyone, _ => [Topic, 1L, 0L]),
    };

    public static string NewRequestId() => "bad-input-" + Guid.NewGuid().ToString("N");

    public static MethodInfo Method(string name) => All.Single(m => m.Name == name);

    /// <summary>True when null is a valid value of the parameter (<c>string?</c>, <c>int?</c>).</summary>
    public static bool AcceptsNull(ParameterInfo parameter) =>
        Nullable.GetUnderlyingType(parameter.ParameterType) is not null
        || (!parameter.ParameterType.IsValueType && new NullabilityInfoContext().Create(parameter).WriteState == NullabilityState.Nullable);
}
