using Microsoft.Extensions.Options;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.HttpApi.Hosting;

/// <summary>
/// Refuses a <c>Gateway:CallTimeout</c> shorter than a turn can take, so that the gateway never gives up on a turn
/// that is still running: the silos' <c>Conversations:ConfirmTimeout</c> and, when a model answers, <c>Model:Timeout</c>,
/// read from the same configuration.
/// </summary>
internal sealed class CallTimeoutValidator(IConfiguration configuration) : IValidateOptions<HttpGatewayOptions>
{
    public ValidateOptionsResult Validate(string? name, HttpGatewayOptions options)
    {
        var modelTimeout = string.IsNullOrWhiteSpace(configuration["Model:Endpoint"])
            ? (TimeSpan?)null
            : configuration.GetValue("Model:Timeout", TurnTimeouts.DefaultModelTimeout);
        var confirmTimeout = configuration.GetValue("Conversations:ConfirmTimeout", TurnTimeouts.DefaultConfirmTimeout);
        var minimum = TurnTimeouts.MinimumCallTimeout(modelTimeout, confirmTimeout);
        return options.CallTimeout >= minimum
            ? ValidateOptionsResult.Success
            : ValidateOptionsResult.Fail(
                $"Gateway:CallTimeout ({options.CallTimeout}) must be at least {minimum}: twice Conversations:ConfirmTimeout " +
                $"({confirmTimeout}){(modelTimeout is null ? "" : $" plus Model:Timeout ({modelTimeout})")} plus {TurnTimeouts.Margin}, " +
                "so that the gateway never gives up on a turn that may still complete.");
    }
}
