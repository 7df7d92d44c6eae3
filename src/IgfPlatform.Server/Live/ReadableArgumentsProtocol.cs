using System.Buffers;
using System.Diagnostics.CodeAnalysis;
using System.Reflection;
using System.Runtime.ExceptionServices;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.Protocol;

namespace IgfPlatform.Server.Live;

/// <summary>
/// The hub's JSON protocol, except that arguments of the wrong number or types are refused with a
/// <see cref="HubException"/> naming what the method takes. SignalR otherwise answers only "Failed to invoke
/// 'X' due to an error on the server.", which blames the server and does not say what to change.
/// </summary>
public sealed class ReadableArgumentsProtocol(IHubProtocol inner) : IHubProtocol
{
    private static readonly Dictionary<string, string> Signatures = typeof(ForumHub)
        .GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.DeclaredOnly)
        .Where(m => !m.IsSpecialName && m.GetBaseDefinition().DeclaringType == typeof(ForumHub))
        .GroupBy(m => m.Name, StringComparer.OrdinalIgnoreCase)
        .ToDictionary(g => g.Key, g => Describe(g.First()), StringComparer.OrdinalIgnoreCase);

    public string Name => inner.Name;

    public int Version => inner.Version;

    public TransferFormat TransferFormat => inner.TransferFormat;

    public bool IsVersionSupported(int version) => inner.IsVersionSupported(version);

    public ReadOnlyMemory<byte> GetMessageBytes(HubMessage message) => inner.GetMessageBytes(message);

    public void WriteMessage(HubMessage message, IBufferWriter<byte> output) => inner.WriteMessage(message, output);

    public bool TryParseMessage(ref ReadOnlySequence<byte> input, IInvocationBinder binder, [NotNullWhen(true)] out HubMessage? message)
    {
        if (!inner.TryParseMessage(ref input, binder, out message))
        {
            return false;
        }

        if (message is InvocationBindingFailureMessage failure)
        {
            message = new InvocationBindingFailureMessage(failure.InvocationId, failure.Target, ExceptionDispatchInfo.Capture(new HubException(Explain(failure.Target))));
        }

        return true;
    }

    public static string Explain(string target) => Signatures.TryGetValue(target, out var signature)
        ? $"The arguments do not fit {signature}: send them in this order, each of its kind."
        : $"The hub has no method '{(target.Length > 64 ? target[..64] + "…" : target)}'.";

    private static string Describe(MethodInfo method)
    {
        var nullability = new NullabilityInfoContext();
        var parameters = method.GetParameters().Select(p =>
        {
            var nullable = Nullable.GetUnderlyingType(p.ParameterType) is not null
                || (!p.ParameterType.IsValueType && nullability.Create(p).WriteState == NullabilityState.Nullable);
            return $"{p.Name}: {Kind(Nullable.GetUnderlyingType(p.ParameterType) ?? p.ParameterType)}{(nullable ? " or null" : string.Empty)}";
        });
        return $"{method.Name}({string.Join(", ", parameters)})";
    }

    private static string Kind(Type type) =>
        type == typeof(string) ? "text"
        : type == typeof(bool) ? "true or false"
        : type == typeof(int) || type == typeof(long) ? "a whole number"
        : type.IsEnum ? string.Join(" or ", Enum.GetNames(type).Select(n => char.ToLowerInvariant(n[0]) + n[1..]))
        : type.IsGenericType && type.GetGenericTypeDefinition() == typeof(IReadOnlyList<>) ? "a list"
        : "an object";
}
