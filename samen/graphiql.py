"""GraphiQL, served with its own assets so that it works without internet access.

The assets are fetched from the npm registry by ``scripts/fetch-graphiql-assets`` (run by
``make assets``) into ``samen/static/vendor``; they are never committed. The page loads
nothing from elsewhere, and its Content-Security-Policy (a ``<meta>`` tag, allowing only this
origin and the hash of the one inline script) keeps it that way.
"""

import base64
import hashlib
import json

from starlette.staticfiles import StaticFiles

from samen.config import PACKAGE_DIR, Settings

VENDOR_DIR = PACKAGE_DIR / "static" / "vendor"
VENDOR_URL = "/static/vendor"
SCRIPTS = ("react.production.min.js", "react-dom.production.min.js", "graphiql.min.js")
STYLESHEET = "graphiql.min.css"
TITLE = "Samen — GraphiQL"
MISSING_HELP = (
    "GraphiQL's assets are not installed. Run <code>make assets</code> (it runs "
    "<code>scripts/fetch-graphiql-assets</code>) and reload this page."
)

DEFAULT_QUERY = """\
# Welcome to Samen. Put a token from `samen demo`
# in Headers below, then run this query (Ctrl-Enter).
{
  viewer {
    user {
      email
    }
    organisation {
      name
    }
  }
}
"""
DEFAULT_HEADERS = '{"Authorization": "Bearer <paste a token from \'samen demo\'>"}'


def _js(value: str) -> str:
    """A JavaScript string literal that cannot end the surrounding ``<script>``."""
    return json.dumps(value).replace("<", "\\u003c")


INIT_SCRIPT = f"""
if (window.GraphiQL === undefined) {{
  document.getElementById("graphiql").innerHTML = {_js(MISSING_HELP)};
}} else {{
  const wsScheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  const fetcher = GraphiQL.createFetcher({{
    url: "/graphql",
    subscriptionUrl: wsScheme + "//" + window.location.host + "/graphql",
  }});
  ReactDOM.createRoot(document.getElementById("graphiql")).render(
    React.createElement(GraphiQL, {{
      fetcher: fetcher,
      defaultQuery: {_js(DEFAULT_QUERY)},
      defaultHeaders: {_js(DEFAULT_HEADERS)},
      isHeadersEditorEnabled: true,
      shouldPersistHeaders: true,
      defaultEditorToolsVisibility: "headers",
    }}),
  );
}}
"""
_SCRIPT_HASH = base64.b64encode(hashlib.sha256(INIT_SCRIPT.encode()).digest()).decode()
CONTENT_SECURITY_POLICY = (
    f"default-src 'self'; script-src 'self' 'sha256-{_SCRIPT_HASH}'; "
    "style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; form-action 'none'"
)

PAGE_HEAD = f"""<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta http-equiv="Content-Security-Policy" content="{CONTENT_SECURITY_POLICY}">
<title>{TITLE}</title>
<link rel="icon" href="data:,">
"""
PAGE_STYLE = "<style>body{margin:0;height:100vh}#graphiql{height:100vh}</style>\n"


def static_files(settings: Settings) -> StaticFiles:
    """Serves ``settings.static_dir`` (mounted at ``/static``), GraphiQL's assets included."""
    return StaticFiles(directory=settings.static_dir, check_dir=False)


def assets_installed() -> bool:
    return all((VENDOR_DIR / name).is_file() for name in (*SCRIPTS, STYLESHEET))


def render_page() -> str:
    """The GraphiQL page, or an explanation of how to install its assets when they are missing."""
    if not assets_installed():
        return (
            f"{PAGE_HEAD}</head>\n<body>\n<h1>{TITLE}</h1>\n"
            f'<p id="graphiql-missing">{MISSING_HELP}</p>\n</body>\n</html>\n'
        )
    scripts = "".join(f'<script src="{VENDOR_URL}/{name}"></script>\n' for name in SCRIPTS)
    return (
        f'{PAGE_HEAD}<link rel="stylesheet" href="{VENDOR_URL}/{STYLESHEET}">\n{PAGE_STYLE}'
        f'</head>\n<body>\n<div id="graphiql">Loading GraphiQL…</div>\n{scripts}'
        f"<script>{INIT_SCRIPT}</script>\n</body>\n</html>\n"
    )
