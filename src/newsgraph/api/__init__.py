"""The HTTP API of ``newsgraph serve``: versioned JSON endpoints under ``/v1/`` over the library.

``newsgraph.api.app.create_app`` builds the FastAPI application; this package's ``__init__`` imports
nothing heavy, so ``newsgraph token`` (``newsgraph.api.tokens``) works without FastAPI loaded.
See docs/api.md.
"""
