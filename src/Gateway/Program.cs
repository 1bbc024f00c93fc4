using Orleans.Conversations.Gateway.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddConversationGateway();

var app = builder.Build();
app.MapConversationGateway();
app.Run();

/// <summary>The gateway's entry point, visible to tests that start it.</summary>
public partial class Program;
