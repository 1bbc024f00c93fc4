using System.ComponentModel.DataAnnotations;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace Orleans.Conversations.ServiceDefaults;

/// <summary>Reads settings that are needed while the host is still being built, validated as options are at start-up.</summary>
public static class StartupOptions
{
    /// <summary>
    /// The section <paramref name="section"/> bound to <typeparamref name="T"/> and checked against its data
    /// annotations; a bad value throws <see cref="OptionsValidationException"/> naming <c>Section:Setting</c>.
    /// </summary>
    public static T Read<T>(IConfiguration configuration, string section)
        where T : class, new()
    {
        var options = configuration.GetSection(section).Get<T>() ?? new T();
        var results = new List<ValidationResult>();
        if (!Validator.TryValidateObject(options, new ValidationContext(options), results, validateAllProperties: true))
        {
            throw new OptionsValidationException(section, typeof(T),
                results.Select(r => $"{section}:{string.Join(",", r.MemberNames)}: {r.ErrorMessage}"));
        }

        return options;
    }
}
