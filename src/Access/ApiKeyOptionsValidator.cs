using Microsoft.Extensions.Options;

namespace Orleans.Conversations.Access;

/// <summary>Rejects key settings that would break the revocation bound or the memory bound, naming the setting.</summary>
internal sealed class ApiKeyOptionsValidator : IValidateOptions<ApiKeyOptions>
{
    public ValidateOptionsResult Validate(string? name, ApiKeyOptions options)
    {
        var failures = new List<string>();
        if (options.CacheTtl < ApiKeyOptions.MinCacheTtl || options.CacheTtl > ApiKeyOptions.MaxCacheTtl)
        {
            failures.Add($"{ApiKeyOptions.SectionName}:CacheTtl must be between {ApiKeyOptions.MinCacheTtl} and {ApiKeyOptions.MaxCacheTtl} " +
                $"(a revoked key must be refused everywhere within 5 seconds), not {options.CacheTtl}.");
        }

        if (options.MaxCachedKeys < 1)
            failures.Add($"{ApiKeyOptions.SectionName}:MaxCachedKeys must be 1 or more, not {options.MaxCachedKeys}.");
        return failures.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(failures);
    }
}
