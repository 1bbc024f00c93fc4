using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;
using Orleans.Conversations.HttpApi.Hosting;

namespace Orleans.Conversations.Gateway.Tests;

public sealed class CallTimeoutTests
{
    [Theory]
    [InlineData("00:00:21", null, "00:00:10", false)]
    [InlineData("00:00:22", null, "00:00:10", true)]
    [InlineData("00:00:51", "00:00:30", "00:00:10", false)]
    [InlineData("00:00:52", "00:00:30", "00:00:10", true)]
    public void the_gateway_waits_longer_than_a_turn_can_take_or_refuses_to_start(
        string callTimeout, string? modelTimeout, string confirmTimeout, bool valid)
    {
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Gateway:CallTimeout"] = callTimeout,
            ["Model:Endpoint"] = modelTimeout is null ? null : "http://127.0.0.1:9/v1",
            ["Model:Timeout"] = modelTimeout,
            ["Conversations:ConfirmTimeout"] = confirmTimeout,
        }).Build();
        var options = configuration.GetSection(HttpGatewayOptions.Section).Get<HttpGatewayOptions>()!;

        var result = new CallTimeoutValidator(configuration).Validate(null, options);

        Assert.Equal(valid, result.Succeeded);
        if (!valid)
            Assert.Contains("Gateway:CallTimeout", result.FailureMessage);
    }
}
