using System.Reflection;

namespace Orleans.Conversations.EventStore.Serialization;

/// <summary>A two-way map between event types and the stable names stored with them.</summary>
public sealed class EventTypeMap
{
    private readonly Dictionary<string, Type> _typesByName = new(StringComparer.Ordinal);
    private readonly Dictionary<Type, string> _namesByType = [];

    /// <summary>How many event types are mapped.</summary>
    public int Count => _typesByName.Count;

    /// <summary>Maps <typeparamref name="TEvent"/> to <paramref name="name"/>.</summary>
    public EventTypeMap Add<TEvent>(string name) => Add(typeof(TEvent), name);

    /// <summary>Maps <paramref name="type"/> to <paramref name="name"/>; a name or type maps at most once.</summary>
    public EventTypeMap Add(Type type, string name)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(name);
        if (_typesByName.TryGetValue(name, out var existing) && existing != type)
            throw new ArgumentException($"Event type name '{name}' is already mapped to {existing.FullName}.", nameof(name));
        if (_namesByType.TryGetValue(type, out var existingName) && existingName != name)
            throw new ArgumentException($"{type.FullName} is already mapped to '{existingName}'.", nameof(type));

        _typesByName[name] = type;
        _namesByType[type] = name;
        return this;
    }

    /// <summary>Maps every concrete class of <paramref name="assembly"/> that carries <see cref="EventTypeNameAttribute"/>.</summary>
    public EventTypeMap AddFromAssembly(Assembly assembly)
    {
        foreach (var type in assembly.GetTypes().Where(t => t is { IsClass: true, IsAbstract: false }))
        {
            if (type.GetCustomAttribute<EventTypeNameAttribute>() is { } attribute)
                Add(type, attribute.Name);
        }

        return this;
    }

    /// <summary>The stored name of <paramref name="type"/>.</summary>
    /// <exception cref="InvalidOperationException">The type is not mapped.</exception>
    public string GetName(Type type) => _namesByType.TryGetValue(type, out var name)
        ? name
        : throw new InvalidOperationException(
            $"Event type {type.FullName} has no stored name: map it with EventTypes.Add<{type.Name}>(\"...\") " +
            $"or mark it with [{nameof(EventTypeNameAttribute).Replace("Attribute", "", StringComparison.Ordinal)}].");

    /// <summary>The type stored under <paramref name="name"/>, if any.</summary>
    public bool TryGetType(string name, out Type type) => _typesByName.TryGetValue(name, out type!);
}
