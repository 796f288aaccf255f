"""The page behind an invitation link (P6): GET shows, only the button's POST accepts.

Mail scanners follow links, so opening the link changes nothing. The page is plain HTML, in
Dutch, without JavaScript; it may not be framed (the button is worth clickjacking).
"""

from html import escape

from starlette.requests import Request
from starlette.responses import HTMLResponse
from starlette.routing import Route

from samen import models
from samen.db import SessionFactory, retry_transient
from samen.services import partnerships
from samen.services.errors import ErrorCode, Rejected

HEADERS = {
    "Cache-Control": "no-store",
    "Referrer-Policy": "no-referrer",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; "
    "form-action 'self'; frame-ancestors 'none'",
    "X-Frame-Options": "DENY",
}
STYLE = (
    "body{font-family:system-ui,sans-serif;max-width:36rem;margin:4rem auto;padding:0 1rem;"
    "line-height:1.5}button{font-size:1rem;padding:.6rem 1.2rem;cursor:pointer}"
)
# Why a link cannot be used, for people (Dutch), with the HTTP status that fits.
REFUSALS = {
    ErrorCode.INVITATION_INVALID: (404, "Deze uitnodigingslink is onbekend."),
    ErrorCode.INVITATION_EXPIRED: (
        410,
        "Deze uitnodigingslink is verlopen. Vraag de uitnodigende organisatie om een nieuwe.",
    ),
    ErrorCode.INVITATION_SPENT: (
        410,
        "Deze uitnodigingslink is al gebruikt, of vervangen door een nieuwere uitnodiging.",
    ),
    ErrorCode.PARTNERSHIP_ENDED: (410, "Deze uitnodiging is ingetrokken."),
}


def _page(title: str, body: str, status: int = 200) -> HTMLResponse:
    html = (
        f'<!doctype html><html lang="nl"><head><meta charset="utf-8">'
        f'<meta name="viewport" content="width=device-width,initial-scale=1">'
        f"<title>{escape(title)} — Samen</title><style>{STYLE}</style></head>"
        f"<body><h1>{escape(title)}</h1>{body}</body></html>"
    )
    return HTMLResponse(html, status_code=status, headers=HEADERS)


def _refused(rejected: Rejected) -> HTMLResponse:
    code = rejected.problems[0].code
    status, message = REFUSALS.get(code, (400, "Deze uitnodiging kan niet worden bevestigd."))
    return _page("Uitnodiging niet bruikbaar", f"<p>{escape(message)}</p>", status)


async def _names(factory: SessionFactory, partnership: models.Partnership) -> tuple[str, str]:
    async with factory() as session:
        directing = await session.get(models.Organisation, partnership.directing_party_id)
        partner = await session.get(models.Organisation, partnership.partner_id)
        assert directing is not None
        assert partner is not None
        return directing.name, partner.name


def invitation_routes(factory: SessionFactory) -> list[Route]:
    """``GET`` and ``POST /invitations/{token}``."""

    async def show(request: Request) -> HTMLResponse:
        token = request.path_params["token"]
        async with factory() as session:
            try:
                _, partnership = await partnerships.find_invitation(session, token)
            except Rejected as rejected:
                return _refused(rejected)
        directing, partner = await _names(factory, partnership)
        return _page(
            "Uitnodiging tot samenwerking",
            f"<p><strong>{escape(directing)}</strong> nodigt <strong>{escape(partner)}</strong> "
            "uit om samen te werken in Samen: zaaktypen en zaken delen en samen behandelen.</p>"
            "<p>Na bevestiging verschijnt in uw zaaktypeboom een map met de naam van "
            f"{escape(directing)}, met de zaaktypen die zij met u delen.</p>"
            '<form method="post"><button type="submit">Samenwerking bevestigen</button></form>',
        )

    async def accept(request: Request) -> HTMLResponse:
        token = request.path_params["token"]

        async def attempt() -> models.Partnership | Rejected:
            async with factory() as session:
                try:
                    accepted = await partnerships.accept_invitation(
                        session, token=token, actor=None
                    )
                    await session.commit()
                except Rejected as rejected:
                    await session.rollback()
                    return rejected
                return accepted

        outcome = await retry_transient(attempt)
        if isinstance(outcome, Rejected):
            return _refused(outcome)
        directing, _ = await _names(factory, outcome)
        return _page(
            "Samenwerking bevestigd",
            f"<p>U werkt nu samen met <strong>{escape(directing)}</strong>. De map "
            f"<em>{escape(directing)}</em> staat in uw zaaktypeboom.</p>",
        )

    return [
        Route("/invitations/{token}", show, methods=["GET"]),
        Route("/invitations/{token}", accept, methods=["POST"]),
    ]
