using Orleans.Configuration;
using Orleans.Conversations.HttpApi.Hosting;
using Orleans.Conversations.ServiceDefaults;
using Orleans.Conversations.Silo.Hosting;

// The program's own folder is the content root, not the working directory: the host watches its content root, with
// every folder under it, for configuration changes, and a checkout holding PostgreSQL's data keeps that watcher busy.
var contentRoot = AppContext.BaseDirectory;
var configuration = new ConfigurationBuilder().AddEnvironmentVariables().AddCommandLine(args).Build();
if (StartupOptions.Read<SiloHostOptions>(configuration, SiloHostOptions.Section).ServeHttp)
{
    var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = args, ContentRootPath = contentRoot });
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
    var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { Args = args, ContentRootPath = contentRoot });
    builder.AddConversationSilo();
    await builder.Build().RunAsync();
}
