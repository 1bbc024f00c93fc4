using System.ClientModel;
using System.ClientModel.Primitives;
using Microsoft.Extensions.AI;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Microsoft.Extensions.Options;
using OpenAI;
using Orleans.Conversations.Engine.Embedded;
using Orleans.Conversations.Engine.Model;

namespace Orleans.Conversations.Engine.Hosting;

/// <summary>Registers the conversation engine.</summary>
public static class ConversationEngineServiceCollectionExtensions
{
    /// <summary>
    /// Adds the conversation engine: understanding by the embedded rules, and replies from the embedded, offline engine
    /// or from an OpenAI-compatible model when <c>Model:Endpoint</c> is set. Binds <see cref="ModelOptions"/> (section
    /// <c>Model</c>) and validates it at start-up.
    /// </summary>
    public static IServiceCollection AddConversationEngine(this IServiceCollection services)
    {
        services.AddOptions<ModelOptions>().BindConfiguration(ModelOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddEnumerable(ServiceDescriptor.Singleton<IValidateOptions<ModelOptions>, ModelOptionsValidator>());
        services.TryAddSingleton<RuleBasedUnderstanding>();
        services.TryAddSingleton<IMessageUnderstanding>(sp => sp.GetRequiredService<RuleBasedUnderstanding>());
        services.TryAddSingleton<RuleBasedReplyGenerator>();
        services.TryAddSingleton<EmbeddedEngineWarmUp>();
        services.TryAddSingleton<IReplyGenerator>(sp => sp.GetRequiredService<IOptions<ModelOptions>>().Value.IsConfigured
            ? ActivatorUtilities.CreateInstance<ChatClientReplyGenerator>(sp, CreateChatClient(sp.GetRequiredService<IOptions<ModelOptions>>().Value))
            : sp.GetRequiredService<RuleBasedReplyGenerator>());
        return services;
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
