using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.HttpApi.Hosting;

var builder = WebApplication.CreateBuilder(args);
builder.AddConversationGateway();

var app = builder.Build();
app.MapConversationHttpApi();
app.Run();

/// <summary>The gateway's entry point, visible to tests that start it.</summary>
public partial class Program;
