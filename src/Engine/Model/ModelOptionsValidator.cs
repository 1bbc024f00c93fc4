using Microsoft.Extensions.Options;

namespace Orleans.Conversations.Engine.Model;

/// <summary>Checks that a configured model has everything it needs, naming the setting that is missing.</summary>
internal sealed class ModelOptionsValidator : IValidateOptions<ModelOptions>
{
    public ValidateOptionsResult Validate(string? name, ModelOptions options)
    {
        if (!options.IsConfigured)
            return ValidateOptionsResult.Success;

        var failures = new List<string>();
        if (!options.Endpoint!.IsAbsoluteUri || options.Endpoint.Scheme is not ("http" or "https"))
            failures.Add($"Model:Endpoint must be an absolute http(s) address, not '{options.Endpoint}'.");
        if (string.IsNullOrWhiteSpace(options.Name))
            failures.Add("Model:Name is required when Model:Endpoint is set (environment variable Model__Name).");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
