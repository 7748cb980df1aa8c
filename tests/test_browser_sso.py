"""Single sign-on end to end: Chromium, ``streamlit run app.py`` and a local OpenID Connect provider.

Nothing is stubbed on the app's side: the sign-in button calls the real ``st.login``, Streamlit's auth
routes (Authlib) discover tests/fake_oidc.py, follow its redirect, redeem the code at its token endpoint
(client secret and PKCE checked there) and verify its RS256 ID token against its JWKS, nonce included.
The e-mail the provider vouches for then selects the account made on the command line, and that
account's role decides what /data shows. Screenshots go to ``test-artifacts/screenshots``.
"""

from __future__ import annotations

import importlib.util
import os
import re
import secrets
import signal
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import IO

import pytest
from playwright.sync_api import expect

from analytics.labels import text
from tests.conftest import free_port, require
from tests.fake_oidc import FOR_ANOTHER_APP_VIA_AZP, FORGERIES, FakeOidcProvider, Identity
from tests.helpers import run_cli, streamlit_run, wait_until_healthy

pytestmark = pytest.mark.browser

ADMIN = Identity(sub="idp-0001", email="Zhang.Admin@haiyan.gov.cn", name="张管理")
VIEWER = Identity(sub="idp-0002", email="wang.viewer@haiyan.gov.cn", name="王只读")
ANALYST = Identity(sub="idp-0005", email="zhao.analyst@haiyan.gov.cn", name="赵分析")
STRANGER = Identity(sub="idp-0003", email="nobody@haiyan.gov.cn", name="无账号")
# The admin's own address, but the provider does not vouch that it is verified: it could be anyone's.
UNVERIFIED_ADMIN = Identity(sub="idp-0004", email=ADMIN.email, email_verified=False, name="张管理?")


@dataclass(frozen=True)
class SsoApp:
    base: str
    idp: FakeOidcProvider
    log: Path  # the server's stderr


def start_app_with_secrets(port: int, secrets_toml: Path, db: str, log: IO[bytes]) -> subprocess.Popen:
    """``streamlit run app.py`` on ``port`` reading only ``secrets_toml`` (never the repo's .streamlit/),
    its log written to ``log`` (a pipe nobody reads would fill and stall the server)."""
    return streamlit_run(
        "app.py",
        port,
        "--secrets.files",
        str(secrets_toml),
        # No cache warm-up: it computes the overview and domain pages, which these journeys never open.
        env={**os.environ, "PLAN_DB_URL": db, "PLAN_ADMIN_PASSCODE": "", "PLAN_WARM_UP": "0"},
        stderr=log,
    )


@pytest.fixture(scope="module")
def sso_app(tmp_path_factory):
    """The app with ``[auth]`` pointing at a fake provider, and an admin, a viewer and a department analyst
    made with the command line's ``user add`` (single-sign-on-only accounts: ``--no-password``)."""
    # Without them st.login fails inside the app's button callback, and the journey would only time out.
    installed = all(importlib.util.find_spec(name) for name in ("authlib", "httpx"))
    require(installed, "Authlib and httpx are not installed (pip install -r requirements.txt)")
    folder = tmp_path_factory.mktemp("sso")
    db = f"sqlite:///{folder}/plan.db"
    accounts = (
        ("zhang", ADMIN, ["--role", "admin"]),
        ("wang", VIEWER, ["--role", "viewer"]),
        ("zhao", ANALYST, ["--role", "department_analyst", "--department", "县市场监管局"]),
    )
    for name, identity, role in accounts:
        made = run_cli(  # python -m analytics user add ..., run in this process (no second interpreter to start)
            "user", "add", name, *role, "--email", identity.email.lower(), "--display-name", identity.name,
            "--no-password", db=db,
        )  # fmt: skip
        assert made.returncode == 0, made.stderr
    idp = FakeOidcProvider(client_id="haiyan-plan", client_secret=secrets.token_urlsafe(24))
    idp.start()
    port = free_port()
    secrets_toml = folder / "secrets.toml"
    secrets_toml.write_text(
        "[auth]\n"
        f'redirect_uri = "http://127.0.0.1:{port}/oauth2callback"\n'
        f'cookie_secret = "{secrets.token_urlsafe(32)}"\n'
        f'client_id = "{idp.client_id}"\n'
        f'client_secret = "{idp.client_secret}"\n'
        f'server_metadata_url = "{idp.metadata_url}"\n',
        encoding="utf-8",
    )
    log = folder / "streamlit.log"
    with log.open("wb") as log_file:
        process = start_app_with_secrets(port, secrets_toml, db, log_file)
    base = f"http://127.0.0.1:{port}"
    try:
        wait_until_healthy(process, base, lambda: log.read_text(errors="replace")[-2000:])
        yield SsoApp(base, idp, log)
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
        idp.stop()


@pytest.fixture
def page(browser):
    """A page tall enough that a screenshot shows all of /data (Streamlit scrolls inside its own container,
    which a full-page screenshot does not unroll)."""
    return browser.new_page(height=2900)


def data_page_drawn(page) -> None:
    """Wait until /data is drawn to its end, so that a count of write controls taken then cannot be early.

    On a fresh page "no saved scenario yet" is the last element, after every write control; the run is over
    when the status widget has gone; and an element whose code the browser is still loading (the file
    uploader, the first time on a page) stands as a placeholder, stSkeleton, until it is drawn.
    """
    page.get_by_text(text("scenario.none_saved", "zh")).wait_for()
    page.get_by_test_id("stStatusWidget").wait_for(state="detached")
    expect(page.get_by_test_id("stSkeleton")).to_have_count(0)


def open_data_page(page, base: str) -> None:
    page.goto(f"{base}/data")
    data_page_drawn(page)


def back_home_then_to_data(page, base: str) -> None:
    """st.login's and st.logout's round trips end on the home page (the cookie set or cleared on the way):
    once it is reached, go on to /data without waiting for the home page to draw. The home page may
    already have written its view into the URL (``/?plan=p14&as_of=2024``) when the wait begins: any
    query string counts as home."""
    page.wait_for_url(re.compile(re.escape(base) + r"/(\?.*)?$"), wait_until="commit", timeout=30_000)
    open_data_page(page, base)


def sso_button(page):
    return page.get_by_role("button").filter(has_text=text("accounts.ui.sso", "zh"))


def sign_in_with_sso(page, app: SsoApp, identity: Identity) -> None:
    """On /data, click the SSO button with the provider vouching for ``identity``, and come back to /data."""
    app.idp.identity = identity
    issued = len(app.idp.issued)
    sso_button(page).click()
    back_home_then_to_data(page, app.base)
    assert len(app.idp.issued) == issued + 1  # one code redeemed for one ID token
    token = app.idp.issued[-1]
    assert token["email"] == identity.email and isinstance(token["nonce"], str) and len(token["nonce"]) >= 16


def write_controls(page) -> dict[str, int]:
    """How many of each write control /data shows (import uploader, add-a-plan, restore, save a scenario)."""
    return {
        "import": page.get_by_test_id("stFileUploader").filter(has_text=text("data.file", "zh")).count(),
        "add_plan": page.get_by_text(text("data.plan_header", "zh")).count(),
        "restore": page.get_by_text(text("data.restore_help", "zh")).count(),
        "save_scenario": page.get_by_role("button", name=text("scenario.save", "zh")).count(),
    }


NO_WRITE_CONTROL = {"import": 0, "add_plan": 0, "restore": 0, "save_scenario": 0}
# The start of the signed-in line ("已登录："), whoever is signed in.
SIGNED_IN_LINE = re.compile("^" + re.escape(text("accounts.ui.signed_in", "zh", name="NAME", role="").split("NAME")[0]))


def sign_out(page, app: SsoApp) -> None:
    """Click 退出登录: st.logout clears the cookie and goes through the provider's end-session endpoint."""
    logouts = app.idp.logouts
    page.get_by_role("button", name=text("accounts.ui.sign_out", "zh")).click()
    back_home_then_to_data(page, app.base)
    assert app.idp.logouts == logouts + 1
    assert [c["name"] for c in page.context.cookies() if c["name"].startswith("_streamlit_user")] == []
    sso_button(page).wait_for()
    assert page.get_by_text(SIGNED_IN_LINE).count() == 0
    assert write_controls(page) == NO_WRITE_CONTROL


def test_the_admins_verified_email_signs_in_as_the_admin_with_every_write_control(sso_app, page, screenshot_dir):
    open_data_page(page, sso_app.base)
    assert write_controls(page) == NO_WRITE_CONTROL  # nobody signed in yet
    sign_in_with_sso(page, sso_app, ADMIN)  # the provider's address differs in case from the account's
    page.get_by_text(
        text("accounts.ui.signed_in", "zh", name="张管理", role=text("accounts.role.admin", "zh"))
    ).wait_for()
    page.get_by_test_id("stFileUploader").filter(has_text=text("data.file", "zh")).wait_for()
    assert write_controls(page) == {"import": 1, "add_plan": 1, "restore": 1, "save_scenario": 1}
    assert sso_button(page).count() == 0
    page.screenshot(path=screenshot_dir / "sso_admin_data.png")
    sign_out(page, sso_app)
    page.screenshot(path=screenshot_dir / "sso_signed_out_data.png")


def test_the_viewers_email_signs_in_as_the_viewer_with_no_write_control(sso_app, page, screenshot_dir):
    open_data_page(page, sso_app.base)
    sign_in_with_sso(page, sso_app, VIEWER)
    page.get_by_text(
        text("accounts.ui.signed_in", "zh", name="王只读", role=text("accounts.role.viewer", "zh"))
    ).wait_for()
    assert write_controls(page) == NO_WRITE_CONTROL
    assert page.get_by_text(text("accounts.ui.write_needs_sign_in", "zh")).count() == 0  # signed in, just read-only
    page.screenshot(path=screenshot_dir / "sso_viewer_data.png")


def test_a_department_analysts_email_signs_in_with_import_and_scenarios_but_not_plans_or_restore(
    sso_app, page, screenshot_dir
):
    open_data_page(page, sso_app.base)
    sign_in_with_sso(page, sso_app, ANALYST)
    role = text("accounts.role.department_analyst", "zh")
    page.get_by_text(text("accounts.ui.signed_in", "zh", name="赵分析", role=role)).wait_for()
    # The analyst's role: read, import figures (checked per indicator against the department), save scenarios.
    assert write_controls(page) == {"import": 1, "add_plan": 0, "restore": 0, "save_scenario": 1}
    page.screenshot(path=screenshot_dir / "sso_analyst_data.png")


def test_an_identity_without_an_enabled_account_is_told_so_and_gets_no_write_control(sso_app, page, screenshot_dir):
    open_data_page(page, sso_app.base)
    # An address no account has, then the admin's own address with email_verified false: neither is anyone's.
    for identity, shot in ((STRANGER, "sso_unknown_data.png"), (UNVERIFIED_ADMIN, "sso_unverified_data.png")):
        sign_in_with_sso(page, sso_app, identity)
        page.get_by_text(text("accounts.ui.sso_unknown", "zh")).wait_for()
        page.get_by_text(text("accounts.ui.write_needs_sign_in", "zh")).wait_for()
        assert write_controls(page) == NO_WRITE_CONTROL
        assert page.get_by_text(SIGNED_IN_LINE).count() == 0
        page.screenshot(path=screenshot_dir / shot)
        if identity is STRANGER:
            sign_out(page, sso_app)  # this warning's own sign-out button: st.logout, back to the SSO button


# What Streamlit logs when Authlib refuses each wrong ID token (Authlib 1.9.10, joserfc 1.8). Authlib checks
# the audience only through azp: a token for another audience is refused because it names no azp.
REFUSALS = {"signature": "bad_signature", "nonce": "Invalid claim: 'nonce'", "audience": "Missing claim: 'azp'"}


def test_an_id_token_that_is_forged_replayed_or_for_another_application_signs_nobody_in(sso_app, page):
    """Authlib, under st.login, checks the ID token: the provider's key, the nonce it sent, the client it
    was issued to. Each wrong token here names the admin's verified e-mail, and still signs nobody in."""
    assert set(REFUSALS) == set(FORGERIES)
    open_data_page(page, sso_app.base)
    for forgery in FORGERIES:
        logged = sso_app.log.read_text(errors="replace")
        sso_app.idp.forgery = forgery
        try:
            sign_in_with_sso(page, sso_app, ADMIN)  # the provider answered: one token issued
        finally:
            sso_app.idp.forgery = None
        refused = sso_app.log.read_text(errors="replace")[len(logged) :]
        assert "OAuth token exchange failed" in refused and REFUSALS[forgery] in refused, (forgery, refused[-600:])
        assert [c["name"] for c in page.context.cookies() if c["name"].startswith("_streamlit_user")] == [], forgery
        sso_button(page).wait_for()
        assert page.get_by_text(SIGNED_IN_LINE).count() == 0, forgery
        assert page.get_by_text(text("accounts.ui.sso_unknown", "zh")).count() == 0, forgery
        assert write_controls(page) == NO_WRITE_CONTROL, forgery

    # A token for another application that names this one as its authorised party: Authlib lets it through,
    # the app's own audience check does not (analytics/accounts/sso.py).
    sso_app.idp.forgery = FOR_ANOTHER_APP_VIA_AZP
    try:
        sign_in_with_sso(page, sso_app, ADMIN)
    finally:
        sso_app.idp.forgery = None
    assert sso_app.idp.issued[-1]["aud"] == "another-application"
    page.get_by_text(text("accounts.ui.sso_unknown", "zh")).wait_for()
    assert page.get_by_text(SIGNED_IN_LINE).count() == 0
    assert write_controls(page) == NO_WRITE_CONTROL
