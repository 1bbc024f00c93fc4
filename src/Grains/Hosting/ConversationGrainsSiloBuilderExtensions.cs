using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;
using Orleans.Conversations.Engine.Hosting;
using Orleans.Conversations.Grains.Interfaces;
using Orleans.Conversations.Grains.Memory;
using Orleans.Hosting;
using Orleans.Runtime;

namespace Orleans.Conversations.Grains.Hosting;

/// <summary>Registers what conversation grains need on a silo.</summary>
public static class ConversationGrainsSiloBuilderExtensions
{
    /// <summary>
    /// Adds the conversation engine, warmed up before the silo becomes active, and binds <see cref="ConversationOptions"/>, <see cref="MessageLimitOptions"/> and <see cref="MemoryOptions"/> (section <c>Memory</c>)
    /// (section <c>Conversations</c>), validated at start-up. The grains store their events in the log-consistency provider named
    /// <see cref="ConversationGrainConstants.EventStoreName"/>, which the host registers.
    /// </summary>
    public static ISiloBuilder AddConversationGrains(this ISiloBuilder builder)
    {
        var services = builder.Services;
        services.AddOptions<ConversationOptions>().BindConfiguration(ConversationOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MessageLimitOptions>().BindConfiguration(MessageLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddOptions<MemoryOptions>().BindConfiguration(MemoryOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.TryAddSingleton(TimeProvider.System);
        services.AddConversationEngine();
        services.AddSingleton<ILifecycleParticipant<ISiloLifecycle>, EngineReadyBeforeJoining>();
        return builder;
    }
}
