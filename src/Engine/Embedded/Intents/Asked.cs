namespace Orleans.Conversations.Engine.Embedded;

/// <summary>What an answer may use: the request, the message's reading and the context with its changes applied.</summary>
internal sealed record Asked(ReplyRequest Request, MessageAnalysis Reading, SessionContext Context);
