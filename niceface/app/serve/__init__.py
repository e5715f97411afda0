"""Serving: launch(), the ASGI app (the login gate, headers at the edge, the upload limit) and the HTTP API."""
