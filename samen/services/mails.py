"""The texts of Samen's mails (Dutch, as everything that reaches people outside the API)."""

from dataclasses import dataclass
from datetime import datetime
from html import escape


@dataclass(frozen=True)
class Mail:
    subject: str
    text: str
    html: str


def _html(
    paragraphs: list[str], link: str | None = None, button: str = "", after: tuple[str, ...] = ()
) -> str:
    body = "".join(f"<p>{escape(p)}</p>" for p in paragraphs)
    if link is not None:
        body += f'<p><a href="{escape(link, quote=True)}">{escape(button)}</a></p>'
    body += "".join(f"<p>{escape(p)}</p>" for p in after)
    return f'<!doctype html><html lang="nl"><body>{body}</body></html>'


def invitation(
    *, recipient: str, directing_party: str, partner: str, link: str, expires_at: datetime
) -> Mail:
    """P2: the personal confirmation link for one zaaktype admin of the invited organisation."""
    until = expires_at.strftime("%d-%m-%Y %H:%M UTC")
    intro = [
        f"Beste {recipient},",
        f"{directing_party} nodigt {partner} uit om samen te werken in Samen: zaaktypen en "
        "zaken delen en samen behandelen.",
        f"Bekijk en bevestig de uitnodiging via uw persoonlijke link (geldig tot {until}). "
        "Het openen van de link bevestigt nog niets: dat doet u met de knop op de pagina.",
    ]
    outro = "Verwachtte u deze uitnodiging niet? Dan kunt u deze mail negeren."
    return Mail(
        subject=f"Uitnodiging tot samenwerking van {directing_party}",
        text="\n\n".join([*intro, link, outro]) + "\n",
        html=_html(intro, link, "Uitnodiging bekijken", after=(outro,)),
    )


def partnership_ended(*, recipient: str, directing_party: str, partner: str) -> Mail:
    """P5: both sides are told that the partnership ended."""
    lines = [
        f"Beste {recipient},",
        f"De samenwerking tussen {directing_party} (dirigerende partij) en {partner} in Samen "
        "is beëindigd. De gedeelde zaaktypen en zaken zijn voor "
        f"{partner} niet meer beschikbaar.",
    ]
    return Mail(
        subject=f"Samenwerking tussen {directing_party} en {partner} beëindigd",
        text="\n\n".join(lines) + "\n",
        html=_html(lines),
    )
