using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using OpenAI.Chat;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Model;

/// <summary>
/// Answers through an <see cref="IChatClient"/>: any OpenAI-compatible server, by configuration. A reply is capped at
/// <see cref="ModelOptions.MaxOutputTokens"/>: asked of the model, and enforced on the text in case it does not listen.
/// Failures carry the model's own words for the operator's log; the grain shows callers a fixed message instead.
/// </summary>
public sealed class ChatClientReplyGenerator(IChatClient chatClient, IOptions<ModelOptions> options) : IReplyGenerator
{
    private readonly ModelOptions _options = options.Value;

    /// <inheritdoc/>
    public bool RecallsEveryTurn => true;

    /// <inheritdoc/>
    public async Task<string> GenerateReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        var messages = PromptBuilder.Build(request, _options.PromptTokenBudget);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var response = await chatClient.GetResponseAsync(messages, NewChatOptions(), timeout.Token);
            var text = response.Text?.Trim();
            if (text is not null && text.Length > _options.MaxOutputCharacters)
                text = text[..CutAt(text, _options.MaxOutputCharacters)];
            return string.IsNullOrEmpty(text)
                ? throw new ReplyGenerationException("the model returned an empty reply")
                : text;
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ReplyGenerationException($"the model did not answer within {_options.Timeout.TotalSeconds:0.#} s",
                new TimeoutException(exception.Message, exception));
        }
        catch (Exception exception) when (exception is not (ReplyGenerationException or OperationCanceledException))
        {
            throw new ReplyGenerationException($"the model failed: {exception.Message}", exception);
        }
    }

    /// <inheritdoc/>
    public async IAsyncEnumerable<string> StreamReplyAsync(ReplyRequest request, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        var messages = PromptBuilder.Build(request, _options.PromptTokenBudget);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        var updates = chatClient.GetStreamingResponseAsync(messages, NewChatOptions(), timeout.Token).GetAsyncEnumerator(timeout.Token);
        await using (updates)
        {
            var any = false;
            var left = _options.MaxOutputCharacters;
            while (await NextAsync(updates, timeout, cancellationToken))
            {
                var piece = updates.Current.Text;
                if (string.IsNullOrEmpty(piece))
                    continue;
                any = true;
                if (piece.Length >= left)
                {
                    // Past the cap the reply ends here, whatever the model still has to say: the turn completes with it.
                    if (CutAt(piece, left) is var cut and > 0)
                        yield return piece[..cut];
                    yield break;
                }

                left -= piece.Length;
                yield return piece;
            }

            if (!any)
                throw new ReplyGenerationException("the model returned an empty reply");
        }
    }

    /// <summary>
    /// The request's options. The cap goes out as <c>max_tokens</c>, the name every OpenAI-compatible server knows (the
    /// OpenAI library would send only the newer <c>max_completion_tokens</c>, which many of them ignore).
    /// </summary>
    private ChatOptions NewChatOptions() => new()
    {
        ModelId = _options.Name,
        RawRepresentationFactory = _ =>
        {
            var options = new ChatCompletionOptions();
#pragma warning disable SCME0001 // JsonPatch is marked for evaluation; ModelLimitTests checks the body it sends.
            options.Patch.Set("$.max_tokens"u8, _options.MaxOutputTokens);
#pragma warning restore SCME0001
            return options;
        },
    };

    /// <summary>Where to cut <paramref name="text"/> to at most <paramref name="length"/> characters without splitting a surrogate pair.</summary>
    private static int CutAt(string text, int length)
    {
        if (length >= text.Length)
            return text.Length;
        return length > 0 && char.IsHighSurrogate(text[length - 1]) ? length - 1 : length;
    }

    private async Task<bool> NextAsync(IAsyncEnumerator<ChatResponseUpdate> updates, CancellationTokenSource timeout, CancellationToken cancellationToken)
    {
        try
        {
            return await updates.MoveNextAsync();
        }
        catch (OperationCanceledException exception) when (timeout.IsCancellationRequested && !cancellationToken.IsCancellationRequested)
        {
            throw new ReplyGenerationException($"the model did not answer within {_options.Timeout.TotalSeconds:0.#} s",
                new TimeoutException(exception.Message, exception));
        }
        catch (Exception exception) when (exception is not (ReplyGenerationException or OperationCanceledException))
        {
            throw new ReplyGenerationException($"the model failed: {exception.Message}", exception);
        }
    }
}
