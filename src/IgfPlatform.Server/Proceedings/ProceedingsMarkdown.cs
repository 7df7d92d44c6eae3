using Markdig;
using Markdig.Syntax;
using Markdig.Syntax.Inlines;

namespace IgfPlatform.Server.Proceedings;

/// <summary>
/// Renders what moderators write (CommonMark) as HTML that is safe to show: raw HTML in the text is
/// escaped and shown as text, links keep only http, https and mailto addresses (others become their
/// text), and images become their description, so a record never loads anything from elsewhere.
/// </summary>
public static class ProceedingsMarkdown
{
    private static readonly MarkdownPipeline Pipeline = new MarkdownPipelineBuilder().DisableHtml().Build();

    public static string ToHtml(string markdown)
    {
        var document = Markdown.Parse(markdown, Pipeline);
        foreach (var inline in document.Descendants<Inline>().ToList())
        {
            switch (inline)
            {
                case LinkInline { IsImage: true } image:
                    Replace(image, new LiteralInline(TextOf(image)));
                    break;
                case LinkInline link when !IsSafe(link.Url):
                    Replace(link, new LiteralInline(TextOf(link)));
                    break;
                case AutolinkInline auto when !IsSafe(auto.IsEmail ? "mailto:" + auto.Url : auto.Url):
                    Replace(auto, new LiteralInline(auto.Url));
                    break;
            }
        }

        using var writer = new StringWriter();
        var renderer = new Markdig.Renderers.HtmlRenderer(writer);
        Pipeline.Setup(renderer);
        renderer.Render(document);
        writer.Flush();
        return writer.ToString();
    }

    /// <summary>http, https and mailto addresses, and addresses on this platform (a path, without a scheme or host).</summary>
    private static bool IsSafe(string? url)
    {
        if (string.IsNullOrWhiteSpace(url))
        {
            return false;
        }

        var trimmed = url.Trim();
        // Browsers read a backslash as a slash: "/\\host" would leave the platform.
        if (trimmed.StartsWith("//", StringComparison.Ordinal) || trimmed.Contains('\\', StringComparison.Ordinal))
        {
            return false;
        }

        if (!trimmed.Contains(':', StringComparison.Ordinal))
        {
            return true;
        }

        return Uri.TryCreate(trimmed, UriKind.Absolute, out var uri) && uri.Scheme is "http" or "https" or "mailto";
    }

    /// <summary>What a link or image shows as text: its words and code, without its formatting.</summary>
    private static string TextOf(ContainerInline container) =>
        string.Concat(container.Descendants<Inline>().Select(i => i switch
        {
            LiteralInline literal => literal.Content.ToString(),
            CodeInline code => code.Content,
            _ => string.Empty,
        }));

    private static void Replace(Inline old, Inline replacement) => old.ReplaceBy(replacement, copyChildren: false);
}
