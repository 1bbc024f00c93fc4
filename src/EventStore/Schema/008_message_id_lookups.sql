-- A message id looked up in a long stream (a retry of a message older than the session's recent window, a turn replayed
-- from the log) reads one index entry instead of every row of the stream: the id of each user message, and the message
-- each reply answers. The store queries them as data->>'<field>' = $value with the event type written in the query, so
-- that these partial expression indexes are used.
CREATE INDEX IF NOT EXISTS events_user_message_ids
    ON eventstore.events (stream_id, (data->>'messageId'))
    WHERE event_type = 'UserMessageReceived';

CREATE INDEX IF NOT EXISTS events_reply_targets
    ON eventstore.events (stream_id, (data->>'inReplyTo'))
    WHERE event_type IN ('AssistantReplied', 'ReplyFailed');
