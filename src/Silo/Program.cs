using Orleans.Configuration;
using Orleans.Conversations.HttpApi.Hosting;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Conversations.Silo.Hosting;

var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
if (StartupOptions.Read<SiloHostOptions>(configuration, SiloHostOptions.Section).ServeHttp)
{
    var builder = WebApplication.CreateBuilder(args);
    builder.AddConversationSilo();
    builder.AddConversationHttpApi();
    // A call from this silo's API may take as long as one from a gateway process (Gateway:CallTimeout), not Orleans' 30 s.
    var callTimeout = StartupOptions.Read<HttpGatewayOptions>(builder.Configuration, HttpGatewayOptions.Section).CallTimeout;
    builder.Services.Configure<SiloMessagingOptions>(o => o.ResponseTimeout = callTimeout);
    var app = builder.Build();
    app.MapConversationHttpApi();
    await app.RunAsync();
}
else
{
    var builder = Host.CreateApplicationBuilder(args);
    builder.AddConversationSilo();
    await builder.Build().RunAsync();
}
