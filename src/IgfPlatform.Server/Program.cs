using IgfPlatform.Server.Hosting;

// The content root is the folder of the running program, so that the server finds its settings and
// the web app wherever it is started from (./run.sh, the tests, a container).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions
{
    Args = args,
    ContentRootPath = AppContext.BaseDirectory,
});
if (string.IsNullOrEmpty(builder.Configuration["urls"]))
{
    // The newcomer's address; ASPNETCORE_URLS or --urls choose another.
    builder.WebHost.UseUrls("http://localhost:5000");
}

builder.AddForumPlatform();

var app = builder.Build();
app.UseForumPlatform();
app.Run();

/// <summary>The entry point, visible to the tests' host factory.</summary>
public partial class Program;
