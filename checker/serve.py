"""`claimcheck serve`: the HTML report on a local port, with buttons that record decisions.

The corpus is checked once at start; the ledger on disk is the single truth and is read again
for every page, so decisions made with `claimcheck review` or by another editor show up on
reload. The only thing a POST can do is record one decision (through the ledger's lock).

Guards, since any page the editor's browser opens could try to post here: the server binds
127.0.0.1 unless --host is given; a request must name this server in its Host header (against
DNS rebinding) and, when the browser sends one, in its Origin; and every form carries a random
token made at start, which other sites cannot read.
"""

from __future__ import annotations

import argparse
import hmac
import ipaddress
import secrets
import socket
import sys
from dataclasses import replace
from pathlib import Path
from urllib.parse import parse_qs

from checker.ledger import (
    DEFAULT_LEDGER,
    Decision,
    LedgerError,
    apply_ledger,
    parse_decision,
    read_ledger,
    record_decision,
    record_time,
    reviewer_name,
)
from checker.model import ReviewStatus, Verdict
from checker.report.build import Report
from checker.report.html import ReviewForm, render_page
from checker.review import FINGERPRINT, MAX_NOTE

MAX_BODY = 16_384  # bytes: a decision form is a few hundred
HEADERS = {
    "Cache-Control": "no-store",
    "X-Content-Type-Options": "nosniff",
    "X-Frame-Options": "DENY",
    "Referrer-Policy": "same-origin",  # "no-referrer" would send Origin: null with the forms
}


def is_loopback(host: str) -> bool:
    """True for 127.0.0.0/8, ::1 and "localhost"."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def host_names(host: str, port: int) -> set[str]:
    """The Host header values that name this server."""
    names = {f"{host}:{port}", f"[{host}]:{port}"}
    if is_loopback(host):
        names |= {f"127.0.0.1:{port}", f"localhost:{port}", f"[::1]:{port}"}
    return names


def create_app(base: Report, ledger: Path, token: str, hosts: set[str] | None):
    """The web app: GET / shows the report with the ledger applied, POST /decide records one."""
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import HTMLResponse, PlainTextResponse, RedirectResponse, Response
    from starlette.routing import Route

    # Statuses come from the ledger at each request, never from the run at start.
    unreviewed = [replace(f, status=ReviewStatus.UNREVIEWED) for f in base.findings]
    reviewable = {f.id: f for f in unreviewed if f.verdict is not Verdict.AGREE}

    def refuse(status: int, message: str) -> Response:
        return PlainTextResponse(f"claimcheck: {message}\n", status_code=status, headers=HEADERS)

    def foreign(request: Request) -> str | None:
        host = request.headers.get("host", "")
        if hosts is not None and host not in hosts:
            return f"unexpected Host header {host!r}"
        origin = request.headers.get("origin")
        if (
            request.method == "POST"
            and origin is not None
            and origin != f"{request.url.scheme}://{host}"
        ):
            return "cross-origin request refused"
        return None

    async def page(request: Request) -> Response:
        if problem := foreign(request):
            return refuse(403, problem)
        try:
            decisions = read_ledger(ledger)
        except LedgerError as exc:
            return refuse(500, str(exc))
        findings, stale = apply_ledger(unreviewed, decisions)
        report = replace(
            base, findings=tuple(findings), stale_reviews=tuple(d.finding for d in stale)
        )
        return HTMLResponse(render_page(report, ReviewForm(token, decisions)), headers=HEADERS)

    async def decide(request: Request) -> Response:
        if problem := foreign(request):
            return refuse(403, problem)
        body = await request.body()
        if len(body) > MAX_BODY:
            return refuse(413, "request too large")
        form = {k: v[0] for k, v in parse_qs(body.decode("utf-8", "replace")).items()}
        if not hmac.compare_digest(form.get("token", ""), token):
            return refuse(403, "missing or wrong form token; reload the page")
        fid = form.get("finding", "")
        if not FINGERPRINT.fullmatch(fid) or fid not in reviewable:
            return refuse(400, "no such finding to review")
        try:
            status = parse_decision(form.get("decision", ""))
        except ValueError as exc:
            return refuse(400, str(exc))
        note = form.get("note", "").strip()[:MAX_NOTE]
        decision = Decision(
            fid, status, str(reviewable[fid].key), note, reviewer_name(), record_time()
        )
        try:
            record_decision(ledger, decision)
        except LedgerError as exc:
            return refuse(409, str(exc))
        # 303: the browser follows with a GET, so a reload does not post again.
        return RedirectResponse(f"/#{fid}", status_code=303, headers=HEADERS)

    return Starlette(
        routes=[Route("/", page, methods=["GET"]), Route("/decide", decide, methods=["POST"])]
    )


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (port 0: any free port)."""
    family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM)[0]
    sock = socket.socket(family, kind, proto)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind(address)
    sock.listen(64)
    return sock


def serve(base: Report, ledger: Path, host: str, port: int) -> None:
    """Serve until interrupted; prints the URL (with the real port) first."""
    import uvicorn

    sock = bind(host, port)
    real_port = sock.getsockname()[1]
    app = create_app(base, ledger, secrets.token_urlsafe(32), host_names(host, real_port))
    shown = f"[{host}]" if ":" in host else host
    print(f"Serving http://{shown}:{real_port}/ (ledger {ledger}); Ctrl-C to stop", flush=True)
    server = uvicorn.Server(uvicorn.Config(app, log_level="warning", access_log=False))
    server.run(sockets=[sock])


def main_serve(args: argparse.Namespace) -> int:
    """The `claimcheck serve` command; returns the exit code (2 for unusable input)."""
    from checker.invocation import UsageError, config_for, prepare, run, setting

    try:
        import starlette  # noqa: F401
        import uvicorn  # noqa: F401
    except ImportError:
        return _fail("serve needs the 'serve' extra: pip install 'claimcheck[serve]'")
    host = args.host
    if host is None:
        host = "127.0.0.1"
    elif not is_loopback(host):
        print(
            f"claimcheck: warning: serving on {host}: anyone who reaches it can record decisions",
            file=sys.stderr,
        )
    try:
        ledger = setting(args.ledger, config_for(args).ledger, DEFAULT_LEDGER)
        assert ledger is not None
        # The same corpus, configuration and rules as `check`; each page applies the ledger.
        base = run(prepare(args))
        if base.claim_entries is not None:  # the page never lists every claim: no spool
            base.claim_entries.close()
        serve(base, ledger, host, args.port)
    except (UsageError, LedgerError, OSError) as exc:
        return _fail(str(exc))
    except KeyboardInterrupt:
        pass
    return 0


def _fail(message: str) -> int:
    print(f"claimcheck: {message}", file=sys.stderr)
    return 2
