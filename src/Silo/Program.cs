using Orleans.Conversations.Silo.Hosting;

var builder = Host.CreateApplicationBuilder(args);
builder.AddConversationSilo();
await builder.Build().RunAsync();
