using System.Runtime.CompilerServices;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.Options;
using Orleans.Conversations.Engine;

namespace Orleans.Conversations.Engine.Model;

/// <summary>Answers through an <see cref="IChatClient"/>: any OpenAI-compatible server, by configuration.</summary>
public sealed class ChatClientReplyGenerator(IChatClient chatClient, IOptions<ModelOptions> options) : IReplyGenerator
{
    private readonly ModelOptions _options = options.Value;

    /// <inheritdoc/>
    public async Task<string> GenerateReplyAsync(ReplyRequest request, CancellationToken cancellationToken)
    {
        var messages = PromptBuilder.Build(request, _options.PromptTokenBudget);
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(_options.Timeout);
        try
        {
            var response = await chatClient.GetResponseAsync(messages, new ChatOptions { ModelId = _options.Name }, timeout.Token);
            var text = response.Text?.Trim();
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
        var updates = chatClient.GetStreamingResponseAsync(messages, new ChatOptions { ModelId = _options.Name }, timeout.Token).GetAsyncEnumerator(timeout.Token);
        await using (updates)
        {
            var any = false;
            while (await NextAsync(updates, timeout, cancellationToken))
            {
                if (string.IsNullOrEmpty(updates.Current.Text))
                    continue;
                any = true;
                yield return updates.Current.Text;
            }

            if (!any)
                throw new ReplyGenerationException("the model returned an empty reply");
        }
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
