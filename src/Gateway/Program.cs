using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.HttpApi.Hosting;

// The program's own folder is the content root, not the working directory, whose folders the host would watch for
// configuration changes (see the silo's Program.cs).
var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = AppContext.BaseDirectory });
builder.AddConversationGateway();

var app = builder.Build();
app.MapConversationHttpApi();
app.Run();

/// <summary>The gateway's entry point, visible to tests that start it.</summary>
public partial class Program;
