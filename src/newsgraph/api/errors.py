"""Errors as JSON: every failure answers ``{"error": {"code", "message"}}`` with the right status.

``ApiError`` carries its status and code on the class, as datasette's errors do; the handlers turn it,
FastAPI's validation errors, Starlette's HTTP errors and newsgraph's own errors into that body. Messages
say what to fix. ``ERROR_RESPONSES`` declares them in the OpenAPI document of every operation.
"""

from __future__ import annotations

import logging
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field
from starlette.exceptions import HTTPException as StarletteHTTPException

from newsgraph.errors import ArticleNotFoundError, ExportError, NewsgraphError

logger = logging.getLogger(__name__)


class ErrorDetail(BaseModel):
    code: str = Field(description="A stable, machine-readable code: `bad_parameter`, `not_found` …")
    message: str = Field(description="What went wrong and what to do about it.")


class ErrorBody(BaseModel):
    error: ErrorDetail


class ApiError(Exception):
    """An error answered as JSON with ``status``; subclasses fix the status and code."""

    status = 400
    code = "bad_request"

    def __init__(self, message: str, *, headers: dict[str, str] | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.headers = headers


class BadParameter(ApiError):
    status, code = 400, "bad_parameter"


class Unauthorized(ApiError):
    status, code = 401, "unauthorized"


class NotFound(ApiError):
    status, code = 404, "not_found"


class TooLarge(ApiError):
    status, code = 413, "too_large"


class Invalid(ApiError):
    status, code = 422, "invalid_parameter"


class RateLimited(ApiError):
    status, code = 429, "rate_limited"


_DESCRIPTIONS = {
    400: "A parameter is well-formed but cannot be used: a bad cursor, conflicting filters, an "
         "ambiguous entity name; or an API token was put in the query string (`token_in_query`: send "
         "it as `Authorization: Bearer TOKEN`).",
    401: "A token is needed (`Authorization: Bearer TOKEN`) or the one given is not valid.",
    404: "No such article, entity, story, ingest job or path.",
    413: "The request body is over the upload limit (`max_document_bytes`).",
    422: "A parameter is missing, of the wrong type or out of range (dates are ISO 8601 strings).",
    429: "Too many requests for this token; wait the `Retry-After` seconds.",
}
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = {
    status: {"model": ErrorBody, "description": text} for status, text in _DESCRIPTIONS.items()
}


# What a value of each patterned parameter looks like, said instead of the regular expression.
_DATE = "give an ISO 8601 date as a string: 2026, 2026-01 or 2026-01-15"
PATTERN_HINTS = {
    "since": _DATE, "until": _DATE, "published": _DATE,
    "cursor": "give the next_cursor of the previous page unchanged",
    "entity_id": "give an entity id such as person:renata-salinas (find ids at /v1/entities?q=NAME)",
    "job_id": "give the 16-character id the submission returned",
}


def error_response(status: int, code: str, message: str, headers: dict[str, str] | None = None
                   ) -> JSONResponse:
    return JSONResponse({"error": {"code": code, "message": message}}, status_code=status, headers=headers)


def install_handlers(app: FastAPI) -> None:
    app.add_exception_handler(ApiError, _api_error)
    app.add_exception_handler(RequestValidationError, _validation_error)
    app.add_exception_handler(StarletteHTTPException, _http_error)
    app.add_exception_handler(NewsgraphError, _newsgraph_error)


async def _api_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, ApiError)
    return error_response(exc.status, exc.code, exc.message, exc.headers)


async def _validation_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, RequestValidationError)
    return error_response(422, "invalid_parameter", "; ".join(_problem(e) for e in exc.errors()))


def _problem(error: Any) -> str:
    """One validation problem: where (``query parameter 'limit'``), what, and the value given."""
    loc = [str(part) for part in error.get("loc", ())]
    where = f"{loc[0]} parameter {'.'.join(loc[1:])!r}" if len(loc) > 1 else "the request"
    if loc and loc[0] == "body":
        where = f"body field {'.'.join(loc[1:])!r}" if len(loc) > 1 else "the request body"
    message = str(error.get("msg", "is not valid"))
    hint = PATTERN_HINTS.get(loc[-1] if loc else "")
    if error.get("type") == "string_pattern_mismatch":
        message = hint or "is not in the documented form (see /openapi.json)"
    elif error.get("type") == "string_type" and hint:
        message = f"{message}: {hint}"
    text = f"{where}: {message}"
    if "input" in error and error.get("type") != "missing" and isinstance(error["input"], str | int | float):
        text += f" (got {str(error['input'])[:80]!r})"
    return text


async def _http_error(_request: Request, exc: Exception) -> JSONResponse:
    assert isinstance(exc, StarletteHTTPException)
    codes = {404: "not_found", 405: "method_not_allowed", 401: "unauthorized"}
    message = {404: "no such path; the API is under /v1/ (see /openapi.json)",
               405: "this method is not allowed on this path (see /openapi.json)"}.get(
        exc.status_code, str(exc.detail))
    return error_response(exc.status_code, codes.get(exc.status_code, "http_error"), message,
                          dict(exc.headers) if exc.headers else None)


async def _newsgraph_error(_request: Request, exc: Exception) -> JSONResponse:
    if isinstance(exc, ArticleNotFoundError):
        return error_response(404, "not_found", str(exc))
    if isinstance(exc, ExportError):
        return error_response(400, "bad_parameter", str(exc))
    logger.error("request failed: %s", exc)  # the detail (paths, SQL) stays in the server's log
    return error_response(500, "server_error", "the server could not answer this request; its log says why")
