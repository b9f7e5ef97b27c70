"""The MkDocs adapter: configuration and event handlers over the model."""
