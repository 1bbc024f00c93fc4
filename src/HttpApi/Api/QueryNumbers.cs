using System.Globalization;

namespace Orleans.Conversations.HttpApi.Api;

/// <summary>Parses integer query parameters with a range, naming the parameter when it is out of it.</summary>
internal static class QueryNumbers
{
    /// <summary><paramref name="text"/> as a number in [<paramref name="min"/>, <paramref name="max"/>], or <paramref name="fallback"/> when absent.</summary>
    /// <exception cref="ApiProblemException">It is not such a number.</exception>
    public static int Parse(string? text, string name, int fallback, int min, int max)
    {
        if (text is null)
            return fallback;
        if (int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) && value >= min && value <= max)
            return value;

        var range = max == int.MaxValue ? $"{min} or more" : $"from {min} to {max}";
        throw ApiProblemException.BadRequest($"Query parameter '{name}' must be an integer {range}, not '{text}'.", name);
    }
}
