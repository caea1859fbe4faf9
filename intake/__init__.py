"""The domain: cases, reporters, routing and workflow. Imports neither Flask nor telegram."""
