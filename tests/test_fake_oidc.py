"""The fake OpenID Connect provider refuses what a real one refuses, so that the browser journeys through it
(tests/test_browser_sso.py) prove Streamlit sent the right client secret, redirect URI and PKCE verifier.

Driven over HTTP with httpx, no browser: a sign-in is an authorize redirect, then a code exchange.
"""

from __future__ import annotations

import base64
import hashlib
import secrets
from urllib.parse import parse_qs, urlsplit

import httpx
import pytest
from joserfc import jwt
from joserfc.errors import BadSignatureError
from joserfc.jwk import KeySet

from tests.fake_oidc import FakeOidcProvider, Identity

CALLBACK = "http://127.0.0.1:9/oauth2callback"  # never called: /authorize's redirect is read, not followed
PERSON = Identity(sub="idp-7", email="li@haiyan.gov.cn", name="李")


@pytest.fixture(scope="module")
def provider():
    """One provider for the module: a 2048-bit key takes a while to make, and stopping waits for a poll."""
    started = FakeOidcProvider(client_id="plan", client_secret="s3cret", identity=PERSON)
    started.start()
    yield started
    started.stop()


@pytest.fixture
def idp(provider):
    """The provider with no tokens issued yet and honest ones to come."""
    provider.issued.clear()
    provider.forgery = None
    return provider


def pkce_pair() -> tuple[str, str]:
    verifier = secrets.token_urlsafe(48)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    return verifier, challenge


def authorize(idp: FakeOidcProvider, challenge: str, **changes: str) -> httpx.Response:
    query = {
        "client_id": "plan",
        "response_type": "code",
        "scope": "openid email profile",
        "redirect_uri": CALLBACK,
        "state": "st-1",
        "nonce": "n-0123456789abcdef",
        "code_challenge": challenge,
        "code_challenge_method": "S256",
        **changes,
    }
    return httpx.get(f"{idp.issuer}/authorize", params=query, follow_redirects=False)


def code_from(response: httpx.Response) -> str:
    assert response.status_code == 302
    back = urlsplit(response.headers["location"])
    assert f"{back.scheme}://{back.netloc}{back.path}" == CALLBACK
    query = parse_qs(back.query)
    assert query["state"] == ["st-1"]  # the client's state, returned unchanged
    return query["code"][0]


def exchange(
    idp: FakeOidcProvider, code: str, verifier: str, secret: str = "s3cret", changes: dict[str, str] | None = None
) -> httpx.Response:
    form = {"grant_type": "authorization_code", "code": code, "redirect_uri": CALLBACK, "code_verifier": verifier}
    return httpx.post(f"{idp.issuer}/token", data={**form, **(changes or {})}, auth=("plan", secret))


def test_discovery_names_every_endpoint_under_the_issuer(idp):
    metadata = httpx.get(idp.metadata_url).json()
    assert metadata["issuer"] == idp.issuer
    for endpoint in ("authorization_endpoint", "token_endpoint", "userinfo_endpoint", "jwks_uri"):
        assert metadata[endpoint].startswith(idp.issuer + "/")
    assert metadata["code_challenge_methods_supported"] == ["S256"]


def test_a_sign_in_gives_an_id_token_signed_by_the_jwks_key_with_the_nonce_and_the_person(idp):
    verifier, challenge = pkce_pair()
    token = exchange(idp, code_from(authorize(idp, challenge)), verifier)
    assert token.status_code == 200, token.text
    body = token.json()
    keys = KeySet.import_key_set(httpx.get(f"{idp.issuer}/jwks").json())
    claims = jwt.decode(body["id_token"], keys, algorithms=["RS256"]).claims
    assert claims["iss"] == idp.issuer and claims["aud"] == "plan" and claims["nonce"] == "n-0123456789abcdef"
    assert (claims["sub"], claims["email"], claims["email_verified"], claims["name"]) == (
        "idp-7",
        "li@haiyan.gov.cn",
        True,
        "李",
    )
    assert claims["exp"] - claims["iat"] == 300
    assert idp.issued == [claims]
    info = httpx.get(f"{idp.issuer}/userinfo", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert info.json() == {"sub": "idp-7", "email": "li@haiyan.gov.cn", "email_verified": True, "name": "李"}


@pytest.mark.parametrize(
    ("why", "secret", "changes", "status", "error"),
    [
        ("another client's secret", "guess", {}, 401, "invalid_client"),
        ("a verifier that is not the challenge's", "s3cret", {"code_verifier": "x" * 43}, 400, "invalid_grant"),
        ("another redirect URI", "s3cret", {"redirect_uri": "http://127.0.0.1:9/elsewhere"}, 400, "invalid_grant"),
        ("an unknown code", "s3cret", {"code": "made-up"}, 400, "invalid_grant"),
    ],
)
def test_the_token_endpoint_refuses_a_wrong_exchange(idp, why, secret, changes, status, error):
    verifier, challenge = pkce_pair()
    refused = exchange(idp, code_from(authorize(idp, challenge)), verifier, secret, changes)
    assert (refused.status_code, refused.json()["error"]) == (status, error), why
    assert idp.issued == []


def test_a_code_is_redeemed_once(idp):
    verifier, challenge = pkce_pair()
    code = code_from(authorize(idp, challenge))
    assert exchange(idp, code, verifier).status_code == 200
    again = exchange(idp, code, verifier)
    assert (again.status_code, again.json()["error"]) == (400, "invalid_grant")
    assert len(idp.issued) == 1


def test_authorize_refuses_another_client_and_a_request_without_openid(idp):
    _, challenge = pkce_pair()
    assert authorize(idp, challenge, client_id="other").status_code == 400
    assert authorize(idp, challenge, scope="email").status_code == 400
    assert httpx.get(f"{idp.issuer}/userinfo").status_code == 401  # no access token


def test_a_signature_forgery_does_not_verify_against_the_jwks(idp):
    idp.forgery = "signature"
    verifier, challenge = pkce_pair()
    body = exchange(idp, code_from(authorize(idp, challenge)), verifier).json()
    keys = KeySet.import_key_set(httpx.get(f"{idp.issuer}/jwks").json())
    with pytest.raises(BadSignatureError):
        jwt.decode(body["id_token"], keys, algorithms=["RS256"])
