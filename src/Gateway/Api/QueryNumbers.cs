using System.Diagnostics.CodeAnalysis;
using System.Globalization;
using Microsoft.AspNetCore.Http.HttpResults;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>Parses integer query parameters with a range, naming the parameter when it is out of it.</summary>
internal static class QueryNumbers
{
    public static bool TryParse(string? text, string name, int fallback, int min, int max, out int value,
        [NotNullWhen(false)] out ProblemHttpResult? problem)
    {
        problem = null;
        if (text is null)
        {
            value = fallback;
            return true;
        }

        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out value) && value >= min && value <= max)
            return true;

        var range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
        problem = ApiProblems.BadRequest($"Query parameter '{name}' must be an integer {range}, not '{text}'.", name);
        return false;
    }
}
