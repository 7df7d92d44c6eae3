using System.Text.Json;
using System.Text.RegularExpressions;

namespace IgfPlatform.Server.Tests.BadInput;

/// <summary>What "a clear error" means over HTTP and on the hub, as one checker each.</summary>
public static partial class ClearErrors
{
    /// <summary>
    /// Null when the reply is a clear refusal: 4xx, problem details with a title and a detail a person can act on,
    /// no stack trace and no exception type; otherwise what is wrong with it.
    /// </summary>
    public static string? ProblemIssue(Reply reply)
    {
        var status = (int)reply.Status;
        if (status is < 400 or >= 500)
        {
            return $"expected a 4xx refusal: {reply}";
        }

        if (reply.MediaType != "application/problem+json")
        {
            return $"expected application/problem+json: {reply}";
        }

        if (Leaks(reply.Body) is { } leak)
        {
            return $"the body shows internals ({leak}): {reply}";
        }

        try
        {
            using var doc = JsonDocument.Parse(reply.Body);
            var root = doc.RootElement;
            var title = root.TryGetProperty("title", out var t) && t.ValueKind == JsonValueKind.String ? t.GetString() : null;
            var detail = root.TryGetProperty("detail", out var d) && d.ValueKind == JsonValueKind.String ? d.GetString() : null;
            if (string.IsNullOrWhiteSpace(title) || string.IsNullOrWhiteSpace(detail))
            {
                return $"expected a title and a detail a person can act on: {reply}";
            }
        }
        catch (JsonException)
        {
            return $"the problem details are not JSON: {reply}";
        }

        return null;
    }

    /// <summary>Null when the reply is either a success or a clear refusal (never a 5xx, never internals).</summary>
    public static string? AnswerIssue(Reply reply) => reply.IsSuccess || (int)reply.Status == 304 ? Leaks(reply.Body) is null ? null : $"the body shows internals: {reply}" : ProblemIssue(reply);

    /// <summary>
    /// Null when a hub refusal carries the platform's own readable message. SignalR puts where it came from first
    /// ("An unexpected error occurred invoking 'X' on the server. HubException: …", which the web app strips); a
    /// message without the HubException part is SignalR's generic one, which does not say what to change.
    /// </summary>
    public static string? HubMessageIssue(string method, string message)
    {
        const string Marker = "HubException: ";
        var at = message.IndexOf(Marker, StringComparison.Ordinal);
        var own = at < 0 ? string.Empty : message[(at + Marker.Length)..];
        if (string.IsNullOrWhiteSpace(own) || own.Contains("could not complete this request", StringComparison.Ordinal))
        {
            return $"{method}: a generic message that does not say what to change: \"{message}\"";
        }

        return Leaks(own) is { } leak ? $"{method}: the message shows internals ({leak}): \"{message}\"" : null;
    }

    /// <summary>A stack frame, an exception type or a .NET type name in text meant for people.</summary>
    public static string? Leaks(string text)
    {
        if (StackFrame().IsMatch(text))
        {
            return "a stack trace";
        }

        var type = ExceptionType().Match(text);
        if (type.Success)
        {
            return type.Value;
        }

        var clr = ClrType().Match(text);
        return clr.Success ? clr.Value : null;
    }

    [GeneratedRegex(@"\bat [A-Za-z_][\w.`<>]*\(.*\)( in |\r?\n|$)", RegexOptions.Multiline)]
    private static partial Regex StackFrame();

    [GeneratedRegex(@"\b\w*Exception\b")]
    private static partial Regex ExceptionType();

    [GeneratedRegex(@"\b(System|Microsoft|IgfPlatform|Orleans)\.[A-Z]\w*(\.\w+)*")]
    private static partial Regex ClrType();
}
