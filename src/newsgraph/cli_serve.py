"""``newsgraph serve`` and ``newsgraph token``: the HTTP API and web UI, and the tokens that guard them.

Registered on the ``cli`` group by the import at the end of ``cli.py``. FastAPI and uvicorn are imported
only when ``serve`` runs, so the other commands start as fast as before.
"""

from __future__ import annotations

import ipaddress
from dataclasses import asdict
from pathlib import Path

import click
from rich.markup import escape

from newsgraph.api.tokens import create_token, list_tokens, revoke_token
from newsgraph.cli import _fail, _print_json, _settings, _store, cli, db_option, err, json_option, out


def is_loopback(host: str) -> bool:
    """Whether ``host`` only accepts connections from this machine."""
    if host.lower() == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@cli.command()
@db_option
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on. Anything but loopback needs a token (`newsgraph token create`).")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option("--rate-limit", type=click.IntRange(0, 1_000_000), default=600, show_default=True,
              metavar="N", help="Requests a minute per token (per address without one); 0: no limit.")
@click.option("--quiet", is_flag=True, help="No access log (one line a request, on stdout; tokens are "
                                            "never logged).")
def serve(db: Path | None, host: str, port: int, rate_limit: int, quiet: bool) -> None:
    """Serve the HTTP API (/v1/, /openapi.json) and the web UI.

    On loopback (the default) reads need no token; writes (ingest) need one once any exists. On any
    other address every request needs a token.

    Example:

        newsgraph serve --db story.db
        newsgraph serve --db story.db --quiet
        newsgraph token create laptop && newsgraph serve --host 0.0.0.0 --port 8080
    """
    settings = _settings(db=db)
    public = not is_loopback(host)
    with _store(settings) as store:
        tokens = store.token_count()
    if public and tokens == 0:
        raise click.UsageError(f"serving on {host} (beyond this machine) needs an API token: create one "
                               "with `newsgraph token create NAME`, or serve on 127.0.0.1")
    import uvicorn

    from newsgraph.api.app import create_app
    from newsgraph.api.deps import ApiOptions

    app = create_app(settings, ApiOptions(public=public, rate_per_minute=rate_limit))
    err.print(f"serving {escape(str(settings.db))} on http://{escape(host)}:{port}/ "
              f"({'every request needs a token' if public else 'loopback only'}); Ctrl-C stops")
    uvicorn.run(app, host=host, port=port, log_level="info", access_log=not quiet, server_header=False)


@cli.group()
def token() -> None:
    """Create, revoke and list the API tokens of `newsgraph serve`. Tokens are stored hashed: a token
    is shown once, when it is created.

    Example:

        newsgraph token create laptop
    """


@token.command("create")
@click.argument("name")
@db_option
def token_create(name: str, db: Path | None) -> None:
    """Create a token called NAME and print it (once: only its hash is kept).

    Example:

        newsgraph token create laptop
    """
    with _store(_settings(db=db)) as store:
        try:
            value = create_token(store, name)
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="NAME") from e
    out.print(value)
    err.print("keep it now: it is not shown again. Send it as `Authorization: Bearer TOKEN`.")


@token.command("revoke")
@click.argument("name")
@db_option
def token_revoke(name: str, db: Path | None) -> None:
    """Revoke the token called NAME: requests with it are refused from then on.

    Example:

        newsgraph token revoke laptop
    """
    with _store(_settings(db=db)) as store:
        if not revoke_token(store, name):
            _fail(f"there is no token {name!r}; list them with `newsgraph token list`")
    err.print(f"revoked {escape(name)}")


@token.command("list")
@db_option
@json_option
def token_list(db: Path | None, as_json: bool) -> None:
    """List the tokens: name and when it was created (never the token).

    Example:

        newsgraph token list
    """
    with _store(_settings(db=db)) as store:
        found = list_tokens(store)
    if as_json:
        _print_json([asdict(t) for t in found])
        return
    for t in found:
        out.print(f"{escape(t.name)}  [dim]{t.created_at}[/]")
    if not found:
        out.print("no tokens")
