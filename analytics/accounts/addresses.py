"""Which client address a request comes from, for the per-address throttle.

Streamlit gives the address of the peer that opened the connection (``st.context.ip_address``).
Behind a reverse proxy that is the proxy, the same for everyone: then one person's wrong passwords
would slow every user. So when the peer is one of the deployment's trusted proxies
(``PLAN_TRUSTED_PROXIES``, comma-separated addresses), the client is the address that proxy
appended to ``X-Forwarded-For`` (its last entry); anyone else's ``X-Forwarded-For`` is ignored,
since a client can write any header it likes.
"""

from __future__ import annotations

import ipaddress


def trusted_proxies(setting: str | None) -> frozenset[str]:
    """The addresses in ``PLAN_TRUSTED_PROXIES`` (comma-separated, blanks ignored), normalised."""
    return frozenset(_normal(part) for part in (setting or "").split(",") if part.strip())


def client_address(peer: str | None, forwarded_for: str | None, proxies: frozenset[str]) -> str | None:
    """The client's address: ``peer``, or, when ``peer`` is a trusted proxy, the last ``X-Forwarded-For`` entry."""
    if peer is None or not peer.strip():
        return None
    if _normal(peer) in proxies and forwarded_for and forwarded_for.strip():
        return forwarded_for.split(",")[-1].strip() or peer.strip()
    return peer.strip()


def _normal(address: str) -> str:
    try:
        return str(ipaddress.ip_address(address.strip()))
    except ValueError:
        return address.strip()
