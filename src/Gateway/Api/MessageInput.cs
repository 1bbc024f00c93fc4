using Microsoft.AspNetCore.Http.HttpResults;
using Orleans.Conversations.Gateway.Hosting;
using Orleans.Conversations.Grains.Interfaces;

namespace Orleans.Conversations.Gateway.Api;

/// <summary>Reads and checks a user message from a request body, before anything reaches the cluster.</summary>
internal static class MessageInput
{
    private const int MaxMessageIdLength = 128;

    /// <summary>The message in the body's <paramref name="textField"/> and optional <paramref name="messageIdField"/>.</summary>
    public static async Task<(UserMessage? Message, ProblemHttpResult? Problem)> ReadAsync(
        HttpRequest request, HttpGatewayOptions options, string textField, string? messageIdField)
    {
        var (body, problem) = await JsonBody.ReadAsync(request, required: true);
        if (problem is not null)
            return (null, problem);
        return Read(body!, options, textField, messageIdField);
    }

    /// <summary>The message in an already parsed body.</summary>
    public static (UserMessage? Message, ProblemHttpResult? Problem) Read(
        JsonBody body, HttpGatewayOptions options, string textField, string? messageIdField)
    {
        var (text, problem) = body.GetString(textField);
        if (problem is not null)
            return (null, problem);
        if (string.IsNullOrWhiteSpace(text))
            return (null, ApiProblems.BadRequest($"Field '{textField}' is required and must not be empty.", textField));
        if (text.Length > options.MaxTextLength)
            return (null, ApiProblems.TooLarge($"Field '{textField}' is {text.Length} characters long; the limit is {options.MaxTextLength}.", textField));

        string? messageId = null;
        if (messageIdField is not null)
        {
            (messageId, problem) = body.GetString(messageIdField);
            if (problem is not null)
                return (null, problem);
            if (messageId is not null && (messageId.Length > MaxMessageIdLength || string.IsNullOrWhiteSpace(messageId)))
                return (null, ApiProblems.BadRequest($"Field '{messageIdField}' must be 1 to {MaxMessageIdLength} characters long and not blank.", messageIdField));
        }

        return (new UserMessage(text, messageId), null);
    }
}
