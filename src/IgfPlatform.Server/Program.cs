using IgfPlatform.Contracts.Live;
using IgfPlatform.Server.Hosting;
using Microsoft.Extensions.Options;

// Before anything else uses the shared byte pool: it reads its size once.
ConnectionBuffers.Reserve();

try
{
    // The content root is the folder of the running program, so that the server finds its settings and
    // the web app wherever it is started from (./run.sh, the tests, a container).
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions
    {
        Args = args,
        ContentRootPath = AppContext.BaseDirectory,
    });
    if (string.IsNullOrEmpty(builder.Configuration["urls"])
        && string.IsNullOrEmpty(builder.Configuration["http_ports"]) && string.IsNullOrEmpty(builder.Configuration["https_ports"]))
    {
        // The newcomer's address; ASPNETCORE_URLS, --urls or ASPNETCORE_HTTP_PORTS (set by .NET's
        // container images) choose another.
        builder.WebHost.UseUrls("http://localhost:5000");
    }

    builder.AddForumPlatform();

    var app = builder.Build();
    app.UseForumPlatform();
    app.Run();
    return 0;
}
catch (Exception ex) when (ex is InvalidOperationException or OptionsValidationException or AggregateException)
{
    // A bad or missing setting: one line naming it and exit code 1, rather than a crash with a stack
    // trace (and, on Linux, an abort) that an operator has to read through.
    Console.Error.WriteLine($"The IGF Platform did not start: {ex.Message}");
    return 1;
}

/// <summary>The entry point, visible to the tests' host factory.</summary>
public partial class Program;
