namespace Orleans.Conversations.HttpApi.Security;

/// <summary>Whether the gateway asks callers for credentials (<c>Auth__Mode</c>).</summary>
public enum AuthMode
{
    /// <summary>No credentials: every caller is user <c>local</c> of tenant <c>default</c>. For a gateway only this machine reaches.</summary>
    Open,

    /// <summary>Every request but health and OpenAPI needs an API key or a token.</summary>
    Required,
}
