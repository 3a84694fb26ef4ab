"""The server-rendered web UI: Jinja2 pages over the store, with vendored scripts (see docs/web.md).

``routes.router`` is included by ``newsgraph.api.create_app``, which also mounts ``routes.STATIC_DIR``
at ``/static``.
"""
