"""A small OpenID Connect provider on 127.0.0.1, for proving Streamlit's ``st.login`` end to end in tests.

It serves the authorization-code flow as Authlib (which Streamlit's auth routes use) drives it:
discovery (``/.well-known/openid-configuration``), ``/authorize`` (no login page: it redirects straight back
to the client's ``redirect_uri`` with a one-time code and the client's ``state``, for whoever the test has
put in ``provider.identity``), ``/token`` (checks the client's secret, the code, the redirect URI and the
PKCE verifier, and returns an access token and an RS256-signed ID token carrying the client's nonce),
``/jwks``, ``/userinfo`` and ``/logout`` (the end-session endpoint: back to ``post_logout_redirect_uri``).

The ID token is signed here with ``cryptography`` alone, not with the client library under test, so a
token the client accepts was checked by code that did not also make it. Every token issued is kept in
``provider.issued`` for the test to look at. ``provider.forgery`` makes the ID tokens wrong in one way
(see ``FORGERIES``), to prove that the client refuses them.
"""

from __future__ import annotations

import base64
import hashlib
import json
import secrets
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs, urlencode, urlsplit

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.asymmetric import padding, rsa

ID_TOKEN_SECONDS = 300
FORGERIES = (
    "signature",  # signed by another key under the provider's key id: not the provider's token
    "nonce",  # a nonce the client did not send: a token replayed from another sign-in
    "audience",  # issued to another client: a token meant for another application
)
# Issued to another client but naming this one as the authorised party (``azp``): Authlib 1.9.10 accepts
# it, so the app itself must refuse it (analytics.accounts.sso checks the audience).
FOR_ANOTHER_APP_VIA_AZP = "azp"


@dataclass(frozen=True)
class Identity:
    """Who the provider says signs in: the claims it vouches for."""

    sub: str
    email: str
    email_verified: bool = True
    name: str = ""

    def claims(self) -> dict[str, object]:
        return {"sub": self.sub, "email": self.email, "email_verified": self.email_verified, "name": self.name}


@dataclass(frozen=True)
class _Grant:
    """What ``/authorize`` handed out, to be redeemed once at ``/token``."""

    identity: Identity
    redirect_uri: str
    nonce: str | None
    code_challenge: str | None


def _b64url(raw: bytes) -> str:
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode("ascii")


def _uint(number: int) -> str:
    return _b64url(number.to_bytes((number.bit_length() + 7) // 8, "big"))


@dataclass
class FakeOidcProvider:
    """``start()`` it, set ``identity``, point a client at ``metadata_url``; ``stop()`` when done."""

    client_id: str
    client_secret: str
    identity: Identity | None = None
    forgery: str | None = None  # one of FORGERIES or FOR_ANOTHER_APP_VIA_AZP, or None for honest tokens
    issued: list[dict[str, object]] = field(default_factory=list)  # the claims of every ID token issued
    logouts: int = 0
    _key: rsa.RSAPrivateKey = field(default_factory=lambda: rsa.generate_private_key(65537, 2048))
    _kid: str = field(default_factory=lambda: secrets.token_hex(8))
    _grants: dict[str, _Grant] = field(default_factory=dict)
    _access: dict[str, Identity] = field(default_factory=dict)
    _lock: threading.Lock = field(default_factory=threading.Lock)
    _server: ThreadingHTTPServer | None = None

    # --- lifecycle ---------------------------------------------------------------------------
    def start(self) -> str:
        """Serve on a free port of 127.0.0.1 in a daemon thread; returns the issuer URL."""
        self._server = ThreadingHTTPServer(("127.0.0.1", 0), _handler_for(self))
        threading.Thread(target=self._server.serve_forever, name="fake-oidc", daemon=True).start()
        return self.issuer

    def stop(self) -> None:
        if self._server is not None:
            self._server.shutdown()
            self._server.server_close()

    @property
    def issuer(self) -> str:
        assert self._server is not None, "start() the provider first"
        return f"http://127.0.0.1:{self._server.server_address[1]}"

    @property
    def metadata_url(self) -> str:
        return f"{self.issuer}/.well-known/openid-configuration"

    # --- what the endpoints answer -----------------------------------------------------------
    def metadata(self) -> dict[str, object]:
        return {
            "issuer": self.issuer,
            "authorization_endpoint": f"{self.issuer}/authorize",
            "token_endpoint": f"{self.issuer}/token",
            "userinfo_endpoint": f"{self.issuer}/userinfo",
            "jwks_uri": f"{self.issuer}/jwks",
            "end_session_endpoint": f"{self.issuer}/logout",
            "response_types_supported": ["code"],
            "grant_types_supported": ["authorization_code"],
            "subject_types_supported": ["public"],
            "id_token_signing_alg_values_supported": ["RS256"],
            "scopes_supported": ["openid", "email", "profile"],
            "token_endpoint_auth_methods_supported": ["client_secret_basic", "client_secret_post"],
            "code_challenge_methods_supported": ["S256"],
            "claims_supported": ["sub", "email", "email_verified", "name"],
        }

    def jwks(self) -> dict[str, object]:
        public = self._key.public_key().public_numbers()
        return {
            "keys": [
                {
                    "kty": "RSA",
                    "use": "sig",
                    "alg": "RS256",
                    "kid": self._kid,
                    "n": _uint(public.n),
                    "e": _uint(public.e),
                }
            ]
        }

    def authorize(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        """A redirect back to the client with a code, or 400 for a request no real provider would serve."""
        if query.get("client_id") != self.client_id or query.get("response_type") != "code":
            return 400, {}, b"unknown client or response_type"
        if "openid" not in query.get("scope", "").split() or not query.get("redirect_uri") or not query.get("state"):
            return 400, {}, b"scope openid, redirect_uri and state are required"
        if self.identity is None:
            return 400, {}, b"the test has put nobody in provider.identity"
        if query.get("code_challenge") and query.get("code_challenge_method") != "S256":
            return 400, {}, b"only S256 PKCE is supported"
        code = secrets.token_urlsafe(24)
        with self._lock:
            self._grants[code] = _Grant(
                self.identity, query["redirect_uri"], query.get("nonce"), query.get("code_challenge")
            )
        back = f"{query['redirect_uri']}?{urlencode({'code': code, 'state': query['state']})}"
        return 302, {"Location": back}, b""

    def token(self, form: dict[str, str], authorization: str | None) -> tuple[int, dict[str, object]]:
        """Redeem a code (once) for an access token and a signed ID token; OAuth 2.0 errors otherwise."""
        client_id, client_secret = form.get("client_id"), form.get("client_secret")
        if authorization and authorization.startswith("Basic "):
            client_id, _, client_secret = base64.b64decode(authorization[6:]).decode().partition(":")
        if client_id != self.client_id or client_secret != self.client_secret:
            return 401, {"error": "invalid_client"}
        if form.get("grant_type") != "authorization_code":
            return 400, {"error": "unsupported_grant_type"}
        with self._lock:
            grant = self._grants.pop(form.get("code", ""), None)
        if grant is None or form.get("redirect_uri") != grant.redirect_uri:
            return 400, {"error": "invalid_grant"}
        if grant.code_challenge is not None:
            verifier = form.get("code_verifier", "")
            if _b64url(hashlib.sha256(verifier.encode("ascii")).digest()) != grant.code_challenge:
                return 400, {"error": "invalid_grant", "error_description": "PKCE verifier does not match"}
        now = int(time.time())
        claims: dict[str, object] = {
            "iss": self.issuer,
            "aud": self.client_id,
            "iat": now,
            "exp": now + ID_TOKEN_SECONDS,
            **grant.identity.claims(),
        }
        if grant.nonce is not None:
            claims["nonce"] = grant.nonce
        if self.forgery == "nonce":
            claims["nonce"] = f"replayed-{grant.nonce}"
        elif self.forgery == "audience":
            claims["aud"] = "another-application"
        elif self.forgery == FOR_ANOTHER_APP_VIA_AZP:
            claims["aud"], claims["azp"] = "another-application", self.client_id
        signer = rsa.generate_private_key(65537, 2048) if self.forgery == "signature" else self._key
        access_token = secrets.token_urlsafe(24)
        with self._lock:
            self._access[access_token] = grant.identity
            self.issued.append(claims)
        return 200, {
            "access_token": access_token,
            "token_type": "Bearer",
            "expires_in": ID_TOKEN_SECONDS,
            "scope": "openid email profile",
            "id_token": self._sign(claims, signer),
        }

    def userinfo(self, authorization: str | None) -> tuple[int, dict[str, object]]:
        token = authorization[7:] if authorization and authorization.startswith("Bearer ") else ""
        identity = self._access.get(token)
        if identity is None:
            return 401, {"error": "invalid_token"}
        return 200, identity.claims()

    def logout(self, query: dict[str, str]) -> tuple[int, dict[str, str], bytes]:
        with self._lock:
            self.logouts += 1
        back = query.get("post_logout_redirect_uri")
        return (302, {"Location": back}, b"") if back else (200, {}, b"signed out")

    def _sign(self, claims: dict[str, object], key: rsa.RSAPrivateKey) -> str:
        header = {"alg": "RS256", "typ": "JWT", "kid": self._kid}
        signing_input = f"{_b64url(json.dumps(header).encode())}.{_b64url(json.dumps(claims).encode())}"
        signature = key.sign(signing_input.encode("ascii"), padding.PKCS1v15(), hashes.SHA256())
        return f"{signing_input}.{_b64url(signature)}"


def _handler_for(provider: FakeOidcProvider) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_GET(self) -> None:  # noqa: N802 (http.server's name)
            url = urlsplit(self.path)
            query = {name: values[0] for name, values in parse_qs(url.query).items()}
            if url.path == "/.well-known/openid-configuration":
                self._json(200, provider.metadata())
            elif url.path == "/jwks":
                self._json(200, provider.jwks())
            elif url.path == "/authorize":
                self._reply(*provider.authorize(query))
            elif url.path == "/userinfo":
                self._json(*provider.userinfo(self.headers.get("Authorization")))
            elif url.path == "/logout":
                self._reply(*provider.logout(query))
            else:
                self._reply(404, {}, b"not found")

        def do_POST(self) -> None:  # noqa: N802
            body = self.rfile.read(int(self.headers.get("Content-Length") or 0)).decode()
            form = {name: values[0] for name, values in parse_qs(body).items()}
            if urlsplit(self.path).path == "/token":
                self._json(*provider.token(form, self.headers.get("Authorization")))
            else:
                self._reply(404, {}, b"not found")

        def _json(self, status: int, body: dict[str, object]) -> None:
            self._reply(
                status, {"Content-Type": "application/json", "Cache-Control": "no-store"}, json.dumps(body).encode()
            )

        def _reply(self, status: int, headers: dict[str, str], body: bytes) -> None:
            self.send_response(status)
            for name, value in headers.items():
                self.send_header(name, value)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: object) -> None:  # noqa: A002 (http.server's name)
            """Quiet: the test output is for the test."""

    return Handler
