using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Conversations.Silo.Hosting;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
if (StartupOptions.Read<SiloHostOptions>(configuration, SiloHostOptions.Section).ServeHttp)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddConversationSilo();
    builder.AddConversationHttpApi();
    var app = builder.Build();
    app.MapConversationGateway();
    await app.RunAsync();
}
else
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddConversationSilo();
    await builder.Build().RunAsync();
}
