"""What leaves the process: batches built from the recorder's buffers (batch), protobuf encoding
(schema, encoder; wiredecode reads the daemon's answers), the loopback WebSocket (websocket) and the
spool files a run falls back to (spool), tied together by transport.Transport."""
