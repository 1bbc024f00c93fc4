using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using Orleans.Conversations.Grains.Engine;
using Orleans.Conversations.Grains.Model;
using Orleans.Hosting;

namespace Orleans.Conversations.Grains.Hosting;

/// <summary>Registers what conversation grains need on a silo.</summary>
public static class ConversationGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the conversation engine: the embedded, offline one, or an OpenAI-compatible model when
    /// <c>Model:Endpoint</c> is set. Binds <see cref="ConversationOptions"/> (section <c>Conversations</c>) and
    /// <see cref="ModelOptions"/> (section <c>Model</c>) and validates them at start-up.
    /// </summary>
    public static ISiloBuilder AddConversationGrains(this ISiloBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        services.TryAddSingleton(TimeProvider.System);
        services.TryAddSingleton<IMessageUnderstanding, RuleBasedUnderstanding>();
        services.TryAddSingleton<RuleBasedReplyGenerator>();
        services.TryAddSingleton<IReplyGenerator>(sp => sp.GetRequiredService<IOptions<ModelOptions>>().Value.IsConfigured
            ? ActivatorUtilities.CreateInstance<ChatClientReplyGenerator>(sp, CreateChatClient(sp.GetRequiredService<IOptions<ModelOptions>>().Value))
            : sp.GetRequiredService<RuleBasedReplyGenerator>());
        return builder;
    }

    private static IChatClient CreateChatClient(ModelOptions options)
    {
        var clientOptions = new OpenAIClientOptions
        {
            Endpoint = options.Endpoint,
            NetworkTimeout = options.Timeout,
            // The turn's own timeout and ReplyFailed handle failures; hidden retries would only stretch them.
            RetryPolicy = new ClientRetryPolicy(maxRetries: 0),
        };
        var credential = new ApiKeyCredential(string.IsNullOrEmpty(options.ApiKey) ? "unused" : options.ApiKey);
        return new OpenAIClient(credential, clientOptions).GetChatClient(options.Name).AsIChatClient();
    }
}
