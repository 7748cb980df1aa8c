"""Accounts and roles (issue 17): permissions, password hashes and policy, throttling, sign-in, SSO."""

from __future__ import annotations

import functools
from dataclasses import replace
from datetime import UTC, datetime

import pytest
from argon2 import PasswordHasher

from analytics.accounts import (
    LEGACY_ADMIN_NAME,
    Account,
    Action,
    InMemoryAccountRepository,
    Role,
    Throttle,
    access_settings,
    account_for_identity,
    authenticate,
    can,
    change_password,
    create_account,
    hash_password,
    needs_rehash,
    password_problems,
    update_account,
    verify_password,
)
from analytics.accounts import passwords as passwords_module
from analytics.accounts.errors import (
    AccountExists,
    DepartmentRequired,
    EmailInUse,
    InvalidAccountName,
    InvalidSetting,
    LastAdmin,
    NoCredential,
    PasswordRejected,
    ReservedAccountName,
    UnknownAccount,
)
from analytics.accounts.throttle import address_key
from analytics.labels import TEXTS

CREATED = datetime(2026, 1, 5, 9, 30, tzinfo=UTC)
MARKET = "县市场监督管理局"
DEVELOPMENT = "县发展和改革局"


class FakeClock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


@pytest.fixture
def cheap_hashes(monkeypatch):
    """A cheap Argon2id (1 pass over 8 KiB) for tests of sign-in logic, not of hash strength."""
    monkeypatch.setattr(passwords_module, "DEFAULT_HASHER", PasswordHasher(time_cost=1, memory_cost=8, parallelism=1))


def account(name="li", role=Role.VIEWER, department=None, email=None, password_hash="", disabled=False):
    return Account(name, name.upper(), role, department, email, password_hash, disabled, CREATED)


# --- roles and permissions ------------------------------------------------------------------

# The permission matrix (an analyst's import here names only its own department's indicators).
MATRIX = {
    #                        import  restore add_plan scenario accounts read
    Role.ADMIN: (True, True, True, True, True, True),
    Role.DEPARTMENT_ANALYST: (True, False, False, True, False, True),
    Role.VIEWER: (False, False, False, False, False, True),
}
ACTIONS = (
    Action.IMPORT_FIGURES,
    Action.RESTORE,
    Action.ADD_PLAN,
    Action.SAVE_SCENARIO,
    Action.MANAGE_ACCOUNTS,
    Action.READ,
)


@pytest.mark.parametrize("role", list(Role))
def test_permission_matrix(role):
    someone = account(role=role, department=MARKET if role is Role.DEPARTMENT_ANALYST else None)
    own_file = {"p14-01": MARKET, "p14-02": MARKET}
    got = tuple(can(someone, action, indicator_departments=own_file).allowed for action in ACTIONS)
    assert got == MATRIX[role]
    assert set(ACTIONS) == set(Action)


def test_without_an_account_one_may_read_unless_the_deployment_requires_a_login():
    assert can(None, Action.READ).allowed
    refused = can(None, Action.READ, read_requires_login=True)
    assert not refused.allowed and refused.reason == "accounts.decision.sign_in_required"
    for action in set(Action) - {Action.READ}:
        assert can(None, action).reason == "accounts.decision.sign_in_required"


def test_a_disabled_account_may_do_nothing_not_even_read():
    admin = account(role=Role.ADMIN, disabled=True)
    for action in Action:
        decision = can(admin, action)
        assert not decision.allowed and decision.reason == "accounts.decision.disabled"


def test_role_refusal_names_the_role_and_the_action_in_each_language():
    decision = can(account(role=Role.VIEWER), Action.RESTORE)
    assert decision.message("zh") == "只读用户角色无权恢复版本"
    assert decision.message("en") == "The Viewer role may not restore a revision"


def test_department_analyst_imports_only_its_own_indicators_and_is_told_which_are_refused():
    analyst = account(role=Role.DEPARTMENT_ANALYST, department=MARKET)
    # Trailing spaces in the catalog's department column do not matter.
    assert can(analyst, Action.IMPORT_FIGURES, indicator_departments={"p14-05": MARKET + " "}).allowed
    decision = can(
        analyst,
        Action.IMPORT_FIGURES,
        indicator_departments={"p14-09": DEVELOPMENT, "p14-01": MARKET, "p14-03": None, "p14-04": ""},
    )
    # p14-03 and p14-04 belong to no department (only an admin may import them), p14-09 to another one.
    assert not decision.allowed and decision.refused_indicators == ("p14-03", "p14-04", "p14-09")
    assert decision.message("zh") == f"以下3项指标不属于{MARKET}负责，不能导入：p14-03、p14-04、p14-09"
    assert decision.message("en") == (
        f"3 indicators are not the responsibility of {MARKET} and cannot be imported: p14-03, p14-04, p14-09"
    )


def test_departments_match_whatever_the_width_of_their_brackets():
    analyst = account(role=Role.DEPARTMENT_ANALYST, department="县市场监督管理局(县知识产权局)")
    full_width = {"p14-07": "县市场监督管理局（县知识产权局）"}
    assert can(analyst, Action.IMPORT_FIGURES, indicator_departments=full_width).allowed
    assert not can(analyst, Action.IMPORT_FIGURES, indicator_departments={"p14-07": "县市场监督管理局"}).allowed


def test_department_import_without_the_mapping_or_without_a_department_is_refused():
    analyst = account(role=Role.DEPARTMENT_ANALYST, department=MARKET)
    assert can(analyst, Action.IMPORT_FIGURES).reason == "accounts.decision.departments_unknown"
    homeless = account(role=Role.DEPARTMENT_ANALYST, department="  ")
    decision = can(homeless, Action.IMPORT_FIGURES, indicator_departments={"p14-01": MARKET})
    assert not decision.allowed and decision.reason == "accounts.decision.no_department"


def test_admin_imports_every_department_s_indicators():
    admin = account(role=Role.ADMIN)
    assert can(admin, Action.IMPORT_FIGURES, indicator_departments={"p14-01": MARKET, "p14-02": None}).allowed
    assert can(admin, Action.IMPORT_FIGURES).allowed


# --- passwords ------------------------------------------------------------------------------


def test_hash_is_real_argon2id_never_the_password_and_verifies():
    password = "海盐质量2025-xyz"
    first, second = hash_password(password), hash_password(password)
    assert password not in first and first.startswith("$argon2id$v=19$m=65536,t=3,p=4$")
    assert first != second  # a fresh salt each time
    assert verify_password(first, password) and verify_password(second, password)
    assert not verify_password(first, password + " ")
    assert not needs_rehash(first)


def test_malformed_hashes_verify_nothing_and_need_a_rehash():
    assert not verify_password("", "anything")
    assert not verify_password("plain-text-password", "plain-text-password")
    assert needs_rehash("not a hash")


def test_a_hash_made_with_weaker_parameters_needs_a_rehash():
    weak = PasswordHasher(time_cost=1, memory_cost=8, parallelism=1).hash("long enough pw")
    assert needs_rehash(weak)
    assert verify_password(weak, "long enough pw")  # parameters are read from the hash itself


@pytest.mark.parametrize(
    ("name", "password", "keys"),
    [
        ("wang", "abcdefghij", []),  # exactly 10 characters
        ("wang", "abcdefghi", ["too_short"]),  # 9
        ("wang", "1234567890", ["all_digits"]),
        ("wang", "12345", ["too_short", "all_digits"]),
        ("wangxiaoming", "WangXiaoMing", ["equals_name"]),  # ignoring case
        ("wangxiaoming", " wangxiaoming ", ["equals_name"]),  # and surrounding spaces
        ("wang", "wang", ["too_short", "equals_name"]),
        ("wang", "质量发展十四五规划好", []),  # ten Chinese characters
    ],
)
def test_password_policy(name, password, keys):
    problems = password_problems(name, password)
    assert [p.key for p in problems] == [f"accounts.password.{key}" for key in keys]
    for problem in problems:
        assert password not in problem.message("zh") and password not in problem.message("en")
    if "too_short" in keys:
        assert problems[0].message("en") == "The password needs at least 10 characters"


# --- throttle -------------------------------------------------------------------------------


def test_wrong_passwords_double_the_wait_up_to_a_minute():
    clock = FakeClock()
    throttle = Throttle(clock=clock)
    waits = []
    for _ in range(8):
        assert throttle.check("zhang", "10.0.0.1") == 0
        waits.append(throttle.failure("zhang", "10.0.0.1"))
        clock.now += waits[-1] / 2
        assert throttle.check("zhang", "10.0.0.1") == waits[-1] / 2  # half the wait is left
        clock.now += waits[-1] / 2
    assert waits == [1, 2, 4, 8, 16, 32, 60, 60]  # 2**6 = 64 is capped at 60


def test_one_account_locked_does_not_block_another_account_from_another_address():
    clock = FakeClock()
    throttle = Throttle(clock=clock)
    for _ in range(7):  # 1+2+4+8+16+32 s waited out, then the 7th failure blocks for 60 s
        clock.now += throttle.check("zhang", "10.0.0.66")
        throttle.failure("zhang", "10.0.0.66")
    assert throttle.check("zhang", "10.0.0.66") == 60
    assert throttle.check("li", "10.0.0.7") == 0
    # The account key holds whoever tries it, from any address: guessing one account from many is slow.
    assert throttle.check("zhang", "10.0.0.7") == 60
    assert throttle.check("ZHANG ", "10.0.0.8") == 60  # names compare trimmed and case-folded


def test_one_address_trying_many_accounts_is_throttled_by_address():
    clock = FakeClock()
    throttle = Throttle(clock=clock)
    assert throttle.failure("u1", "203.0.113.9") == 1
    clock.now += 1
    assert throttle.failure("u2", "203.0.113.9") == 2  # u2's own key: 1 s; the address's second failure: 2 s
    clock.now += 1
    # u3 never failed, but the address is still blocked for 2 - 1 = 1 s.
    assert throttle.check("u3", "203.0.113.9") == 1
    assert throttle.check("u3", "198.51.100.4") == 0


def test_success_resets_only_the_account_key_and_the_address_key_decays():
    clock = FakeClock()
    throttle = Throttle(clock=clock)
    throttle.failure("zhang", "10.0.0.1")
    clock.now += 1
    throttle.failure("zhang", "10.0.0.1")  # both keys: 2 failures, blocked 2 s
    clock.now += 2
    throttle.success("zhang")
    # The account starts over: from a fresh address its next failure costs 1 s.
    assert throttle.failure("zhang", "10.0.0.2") == 1
    clock.now += 1
    # The address remembers its 2 failures: a third costs 4 s (for any account).
    assert throttle.failure("li", "10.0.0.1") == 4
    clock.now += 599  # 599 s since the address's last failure: still remembered
    assert throttle.failure("wu", "10.0.0.1") == 8
    clock.now += 600  # 600 s without a failure: forgotten
    assert throttle.failure("zhao", "10.0.0.1") == 1


def test_unknown_address_is_throttled_by_account_only():
    clock = FakeClock()
    throttle = Throttle(clock=clock)
    assert throttle.failure("zhang", None) == 1
    assert throttle.check("li", None) == 0 and throttle.check("zhang", "") == 1


@pytest.mark.parametrize(
    ("address", "key"),
    [
        ("203.0.113.9", "203.0.113.9"),
        (" 203.0.113.9 ", "203.0.113.9"),
        ("::ffff:203.0.113.9", "203.0.113.9"),  # IPv4 seen through an IPv6 socket
        ("2001:db8:1:2:aaaa:bbbb:cccc:dddd", "2001:db8:1:2::/64"),
        ("2001:DB8:1:2::1", "2001:db8:1:2::/64"),
        ("2001:db8:1:3::1", "2001:db8:1:3::/64"),
        ("unknown-host", "unknown-host"),
    ],
)
def test_address_keys(address, key):
    assert address_key(address) == key


def test_rotating_through_one_ipv6_network_does_not_escape_the_address_key():
    throttle = Throttle(clock=FakeClock())
    throttle.failure("u1", "2001:db8:1:2::1")
    assert throttle.check("u2", "2001:db8:1:2::ffff") == 1 and throttle.check("u2", "2001:db8:1:3::1") == 0


def test_the_throttle_remembers_a_bounded_number_of_keys():
    clock = FakeClock()
    throttle = Throttle(clock=clock, max_keys=4)
    for n in range(3):
        throttle.failure(f"user{n}", f"10.0.0.{n}")  # 6 keys made, the 2 oldest dropped
    assert throttle.check("user0", "10.0.0.0") == 0
    assert throttle.check("user1", "10.0.0.1") == 1 and throttle.check("user2", "10.0.0.2") == 1
    with pytest.raises(ValueError):
        Throttle(forget_after=30, max_delay=60)


def test_an_attempt_holds_its_account_and_address_until_it_ends():
    throttle = Throttle(clock=FakeClock())
    with throttle.attempt("zhang", "10.0.0.1") as wait:
        assert wait == 0
        with throttle.attempt("zhang", "10.0.0.2") as same_account:
            assert same_account == 1  # first_delay: try again in a second
        with throttle.attempt("li", "10.0.0.1") as same_address:
            assert same_address == 1
        with throttle.attempt("li", "10.0.0.2") as unrelated:
            assert unrelated == 0
    with pytest.raises(RuntimeError), throttle.attempt("zhang", "10.0.0.1"):
        raise RuntimeError("the database went away")
    with throttle.attempt("zhang", "10.0.0.2") as after:  # released, also after the exception
        assert after == 0


class _ReentrantRepository(InMemoryAccountRepository):
    """Starts a second sign-in while the first is being checked, as a parallel request would."""

    def __init__(self, throttle, accounts):
        super().__init__(accounts)
        self.throttle, self.parallel = throttle, []

    def get_by_name(self, name):
        if not self.parallel:
            self.parallel.append(None)
            self.parallel[0] = authenticate(self, self.throttle, name, "parallel-guess", "10.0.0.99")
        return super().get_by_name(name)


def test_a_parallel_guess_cannot_slip_past_the_back_off(cheap_hashes):
    throttle = Throttle(clock=FakeClock())
    repo = _ReentrantRepository(throttle, (account("zhang", password_hash=hash_password("shichang-2025")),))
    first = authenticate(repo, throttle, "zhang", "first-guess", "10.0.0.1")
    parallel = repo.parallel[0]
    assert (first.reason, first.wait_seconds) == ("accounts.signin.wrong", 1)
    # Refused unchecked: without the hold it would have been a second free guess (and a failure of its own).
    assert (parallel.reason, parallel.wait_seconds) == ("accounts.signin.throttled", 1)
    assert throttle.check("zhang", None) == 1  # one failure counted, not two (which would block 2 s)


# --- repository and account management -------------------------------------------------------


def test_repository_keeps_names_and_emails_unique_ignoring_case():
    repo = InMemoryAccountRepository((account("Zhang", email="Zhang@Haiyan.gov.cn"),))
    assert repo.get_by_name(" zhang") is not None and repo.get_by_email("zhang@haiyan.GOV.cn ") is not None
    with pytest.raises(AccountExists):
        repo.add(account("ZHANG"))
    with pytest.raises(EmailInUse):
        repo.add(account("li", email="zhang@haiyan.gov.cn"))
    with pytest.raises(UnknownAccount):
        repo.update(account("nobody"))
    assert repo.get_by_email("") is None


def test_full_width_names_and_passwords_match_their_ordinary_form(cheap_hashes):
    repo = InMemoryAccountRepository()
    made = create_account(
        repo,
        name="ｚｈａｎｇ",
        display_name="张",
        role=Role.VIEWER,
        password="ｓｈｉｃｈａｎｇ２０２５",
    )
    assert made.name == "zhang" and repo.get_by_name("ＺＨＡＮＧ") == made
    assert verify_password(made.password_hash, "shichang2025")
    assert authenticate(repo, Throttle(clock=FakeClock()), "ｚｈａｎｇ", "shichang2025", None).ok
    assert [p.key for p in password_problems("wang", "１２３４５６７８９０")] == ["accounts.password.all_digits"]
    same_as_name = password_problems("ｗａｎｇｘｉａｏｍｉｎｇ", "wangxiaoming")
    assert [p.key for p in same_as_name] == ["accounts.password.equals_name"]


def test_repository_lists_by_name_and_counts_only_enabled_admins():
    repo = InMemoryAccountRepository(
        (
            account("wu", role=Role.ADMIN),
            account("an", role=Role.ADMIN, disabled=True),
            account("li", role=Role.VIEWER),
            account("Bo", role=Role.ADMIN),
        )
    )
    assert [a.name for a in repo.list()] == ["an", "Bo", "li", "wu"]
    assert repo.count_admins() == 2  # wu and Bo; an is disabled


def test_create_account_hashes_the_password_and_normalises_email_and_department(cheap_hashes):
    repo = InMemoryAccountRepository()
    made = create_account(
        repo,
        name=" zhang.san ",
        display_name="张三",
        role=Role.DEPARTMENT_ANALYST,
        password="shichang-2025",
        department=f" {MARKET} ",
        email=" Zhang.San@Haiyan.gov.cn",
        now=CREATED,
    )
    assert made == repo.get_by_name("zhang.san")
    assert (made.name, made.department, made.email) == ("zhang.san", MARKET, "zhang.san@haiyan.gov.cn")
    assert made.password_hash != "shichang-2025" and verify_password(made.password_hash, "shichang-2025")
    assert not made.disabled and made.created_at == CREATED


@pytest.mark.parametrize("name", ["", "zhang san", "a" * 65, "li/wang", "<script>"])
def test_invalid_account_names_are_refused(name):
    with pytest.raises(InvalidAccountName):
        create_account(
            InMemoryAccountRepository(), name=name, display_name="x", role=Role.VIEWER, email="x@haiyan.gov.cn"
        )


def test_account_rules_department_credential_reserved_name_and_password_policy(cheap_hashes):
    repo = InMemoryAccountRepository()
    with pytest.raises(DepartmentRequired):
        create_account(repo, name="li", display_name="", role=Role.DEPARTMENT_ANALYST, password="long enough 1")
    with pytest.raises(NoCredential):
        create_account(repo, name="li", display_name="", role=Role.VIEWER)
    with pytest.raises(ReservedAccountName):
        create_account(repo, name="PassCode", display_name="", role=Role.ADMIN, password="long enough 1")
    with pytest.raises(PasswordRejected) as rejected:
        create_account(repo, name="li", display_name="", role=Role.VIEWER, password="123456")
    assert [p.key for p in rejected.value.problems] == ["accounts.password.too_short", "accounts.password.all_digits"]
    assert str(rejected.value) == (
        "密码不符合要求：密码至少需要10个字符；密码不能全是数字 / "
        "The password is not acceptable: The password needs at least 10 characters; The password cannot be digits only"
    )
    assert repo.list() == []  # nothing was added by any refused attempt
    sso_only = create_account(repo, name="li", display_name="", role=Role.VIEWER, email="li@haiyan.gov.cn")
    assert sso_only.password_hash == "" and sso_only.display_name == "li"


def test_the_last_enabled_admin_cannot_be_disabled_or_demoted(cheap_hashes):
    repo = InMemoryAccountRepository()
    admin = create_account(repo, name="wu", display_name="吴", role=Role.ADMIN, password="admin-pass-1")
    with pytest.raises(LastAdmin):
        update_account(repo, replace(admin, disabled=True))
    with pytest.raises(LastAdmin):
        update_account(repo, replace(admin, role=Role.VIEWER))
    create_account(repo, name="bo", display_name="博", role=Role.ADMIN, password="admin-pass-2")
    update_account(repo, replace(admin, disabled=True))  # another admin exists now
    assert repo.count_admins() == 1 and repo.get_by_name("wu").disabled
    with pytest.raises(DepartmentRequired):
        update_account(repo, replace(admin, role=Role.DEPARTMENT_ANALYST))
    with pytest.raises(UnknownAccount):
        update_account(repo, account("nobody"))


def test_update_keeps_the_name_hash_and_creation_time_and_needs_a_credential(cheap_hashes):
    repo = InMemoryAccountRepository()
    made = create_account(repo, name="li", display_name="李", role=Role.VIEWER, email="li@haiyan.gov.cn")
    sneaky = replace(
        made,
        name="LI",
        password_hash="forged",
        created_at=CREATED,
        role=Role.DEPARTMENT_ANALYST,
        department=f" {MARKET}",
        display_name=" ",
    )
    update_account(repo, sneaky)
    stored = repo.get_by_name("li")
    assert (stored.name, stored.password_hash, stored.created_at) == ("li", "", made.created_at)
    assert (stored.role, stored.department, stored.display_name) == (Role.DEPARTMENT_ANALYST, MARKET, "li")
    with pytest.raises(NoCredential):
        update_account(repo, replace(stored, email=None))  # no password and no e-mail: nobody could sign in


def test_change_password_checks_the_policy_and_replaces_the_hash(cheap_hashes):
    repo = InMemoryAccountRepository()
    create_account(repo, name="li", display_name="李", role=Role.VIEWER, password="first-password")
    with pytest.raises(PasswordRejected):
        change_password(repo, "li", "LI")
    changed = change_password(repo, "LI", "second-password")
    assert verify_password(changed.password_hash, "second-password")
    assert not verify_password(repo.get_by_name("li").password_hash, "first-password")
    with pytest.raises(UnknownAccount):
        change_password(repo, "nobody", "third-password")


# --- sign-in --------------------------------------------------------------------------------


def _repo_with(*specs):
    repo = InMemoryAccountRepository()
    for name, role, password in specs:
        department = MARKET if role is Role.DEPARTMENT_ANALYST else None
        create_account(repo, name=name, display_name=name, role=role, password=password, department=department)
    return repo


def test_right_password_signs_in_and_wrong_or_unknown_names_get_the_same_answer(cheap_hashes):
    repo = _repo_with(("zhang", Role.DEPARTMENT_ANALYST, "shichang-2025"))
    throttle = Throttle(clock=FakeClock())
    signed = authenticate(repo, throttle, "Zhang", "shichang-2025", "10.0.0.1")
    assert signed.ok and signed.account.name == "zhang" and signed.reason == "accounts.signin.ok"
    wrong = authenticate(repo, throttle, "zhang", "shichang-2024", "10.0.0.1")
    unknown = authenticate(repo, throttle, "nobody", "shichang-2025", "10.0.0.2")
    assert (wrong.ok, wrong.reason, wrong.wait_seconds) == (False, "accounts.signin.wrong", 1)
    assert (unknown.ok, unknown.reason, unknown.wait_seconds) == (False, "accounts.signin.wrong", 1)
    assert wrong.message("en") == "Wrong account name or password; try again in 1 s"


def test_a_throttled_attempt_is_refused_even_with_the_right_password(cheap_hashes):
    clock = FakeClock()
    repo = _repo_with(("zhang", Role.VIEWER, "shichang-2025"))
    throttle = Throttle(clock=clock)
    authenticate(repo, throttle, "zhang", "guess-one-1", None)  # blocked 1 s
    clock.now += 1
    authenticate(repo, throttle, "zhang", "guess-two-2", None)  # blocked 2 s
    clock.now += 0.5
    refused = authenticate(repo, throttle, "zhang", "shichang-2025", None)
    assert (refused.ok, refused.reason, refused.wait_seconds) == (False, "accounts.signin.throttled", 1.5)
    assert refused.message("zh") == "尝试过于频繁，请2秒后再试"  # 1.5 s rounded up
    clock.now += 1.5
    assert authenticate(repo, throttle, "zhang", "shichang-2025", None).ok
    # The success reset the account: the next wrong password costs 1 s again, not 4 s.
    assert authenticate(repo, throttle, "zhang", "guess-three-3", None).wait_seconds == 1


def test_disabled_and_sso_only_accounts_cannot_sign_in_with_a_password(cheap_hashes):
    repo = _repo_with(("wu", Role.ADMIN, "admin-pass-1"), ("li", Role.VIEWER, "viewer-pass-1"))
    repo.update(replace(repo.get_by_name("li"), disabled=True))
    create_account(repo, name="bo", display_name="博", role=Role.VIEWER, email="bo@haiyan.gov.cn")
    throttle = Throttle(clock=FakeClock())
    disabled = authenticate(repo, throttle, "li", "viewer-pass-1", "10.0.0.1")
    assert (disabled.ok, disabled.reason, disabled.wait_seconds) == (False, "accounts.signin.disabled", 0)
    assert throttle.check("li", "10.0.0.1") == 0  # the right password is not counted as a failure
    for password in ("", "anything-at-all"):
        assert authenticate(repo, Throttle(clock=FakeClock()), "bo", password, None).reason == "accounts.signin.wrong"


def test_sign_in_upgrades_a_hash_made_with_older_parameters(cheap_hashes):
    old = PasswordHasher(time_cost=2, memory_cost=8, parallelism=1).hash("viewer-pass-1")
    repo = InMemoryAccountRepository((account("li", password_hash=old),))
    signed = authenticate(repo, Throttle(clock=FakeClock()), "li", "viewer-pass-1", None)
    stored = repo.get_by_name("li").password_hash
    assert signed.ok and stored != old and stored == signed.account.password_hash
    assert not needs_rehash(stored) and verify_password(stored, "viewer-pass-1")


def test_legacy_passcode_is_a_deprecated_admin_only_until_an_admin_account_exists(cheap_hashes):
    repo = _repo_with(("li", Role.VIEWER, "viewer-pass-1"))
    throttle = Throttle(clock=FakeClock())
    legacy = authenticate(repo, throttle, "Passcode", "海盐-2025", "10.0.0.1", legacy_passcode="海盐-2025")
    assert legacy.ok and legacy.legacy and legacy.reason == "accounts.signin.legacy"
    assert legacy.account.name == LEGACY_ADMIN_NAME and legacy.account.role is Role.ADMIN
    assert can(legacy.account, Action.MANAGE_ACCOUNTS).allowed  # so the first admin account can be made
    wrong = authenticate(repo, throttle, "passcode", "海盐-2024", "10.0.0.1", legacy_passcode="海盐-2025")
    assert (wrong.ok, wrong.wait_seconds) == (False, 1)
    # No passcode configured: the name "passcode" is just an unknown account.
    assert not authenticate(repo, Throttle(), "passcode", "", None, legacy_passcode="").ok
    create_account(repo, name="wu", display_name="吴", role=Role.ADMIN, password="admin-pass-1")
    after = authenticate(repo, Throttle(), "passcode", "海盐-2025", None, legacy_passcode="海盐-2025")
    assert (after.ok, after.reason) == (False, "accounts.signin.wrong")


# --- single sign-on -------------------------------------------------------------------------


def test_a_verified_email_maps_to_its_account_and_role():
    zhang = account("zhang", role=Role.DEPARTMENT_ANALYST, department=MARKET, email="zhang@haiyan.gov.cn")
    gone = account("li", email="li@haiyan.gov.cn", disabled=True)
    repo = InMemoryAccountRepository((zhang, gone))
    ours = {"aud": "haiyan-plan"}
    for_us = functools.partial(account_for_identity, repo, client_id="haiyan-plan")
    assert for_us({"email": "Zhang@Haiyan.gov.cn", "email_verified": True, **ours}) == zhang
    assert for_us({"email": "zhang@haiyan.gov.cn", "email_verified": "true", **ours}) == zhang
    # An audience may be a list of clients: ours among them is enough.
    assert for_us({"email": "zhang@haiyan.gov.cn", "email_verified": True, "aud": ["other", "haiyan-plan"]}) == zhang
    for claims in (
        {"email": "zhang@haiyan.gov.cn", **ours},  # not said to be verified
        {"email": "zhang@haiyan.gov.cn", "email_verified": False, **ours},
        {"email": "zhang@haiyan.gov.cn", "email_verified": "false", **ours},
        {"email": "li@haiyan.gov.cn", "email_verified": True, **ours},  # disabled
        {"email": "stranger@example.com", "email_verified": True, **ours},  # no account
        {"email": ["zhang@haiyan.gov.cn"], "email_verified": True, **ours},
        {"sub": "1234", "email_verified": True, **ours},
        # A token for another application, even if it names this app as the authorised party:
        {"email": "zhang@haiyan.gov.cn", "email_verified": True, "aud": "another-app", "azp": "haiyan-plan"},
        {"email": "zhang@haiyan.gov.cn", "email_verified": True, "aud": ["another-app"]},
        {"email": "zhang@haiyan.gov.cn", "email_verified": True},  # no audience at all
        {"email": "zhang@haiyan.gov.cn", "email_verified": True, "aud": "haiyan-plan-2"},
    ):
        assert for_us(claims) is None, claims
    # No client id configured: no audience can match, nobody signs in.
    assert (
        account_for_identity(repo, {"email": "zhang@haiyan.gov.cn", "email_verified": True, "aud": ""}, client_id="")
        is None
    )


# --- settings, secrets and labels -----------------------------------------------------------


def test_access_settings_default_to_reading_without_a_login():
    fresh = access_settings({})
    assert (fresh.read_requires_login, fresh.legacy_passcode) == (False, None)
    strict = access_settings({"PLAN_READ_REQUIRES_LOGIN": " True ", "PLAN_ADMIN_PASSCODE": "海盐-2025"})
    assert (strict.read_requires_login, strict.legacy_passcode) == (True, "海盐-2025")
    assert "海盐-2025" not in repr(strict)
    with pytest.raises(InvalidSetting) as invalid:
        access_settings({"PLAN_READ_REQUIRES_LOGIN": "maybe"})
    assert 'must be true or false, not "maybe"' in str(invalid.value)


def test_no_password_or_hash_appears_in_repr_str_or_error_messages(cheap_hashes):
    repo = InMemoryAccountRepository()
    made = create_account(
        repo, name="zhang", display_name="张", role=Role.ADMIN, password="Secret-Pass-99", email="z@haiyan.gov.cn"
    )
    assert made.password_hash
    for shown in (repr(made), str(made)):
        assert "Secret-Pass-99" not in shown and made.password_hash not in shown and "argon2" not in shown
    errors = []
    for attempt in (
        lambda: create_account(repo, name="zhang", display_name="", role=Role.VIEWER, password="Secret-Pass-99"),
        lambda: create_account(repo, name="wang", display_name="", role=Role.VIEWER, password="99"),
        lambda: change_password(repo, "zhang", "zhang"),
        lambda: update_account(repo, replace(made, disabled=True)),
    ):
        with pytest.raises(Exception) as caught:  # noqa: B017 - each raises a different PlanError
            attempt()
        errors.append(caught.value)
    assert [type(e) for e in errors] == [AccountExists, PasswordRejected, PasswordRejected, LastAdmin]
    for error in errors:
        assert all(secret not in str(error) for secret in ("Secret-Pass-99", made.password_hash, "99 "))
    signed = authenticate(repo, Throttle(), "zhang", "Secret-Pass-99", None)
    assert "Secret-Pass-99" not in repr(signed) and made.password_hash not in repr(signed)
    legacy = authenticate(InMemoryAccountRepository(), Throttle(), "passcode", "pc-123", None, legacy_passcode="pc-123")
    assert "pc-123" not in repr(legacy)


def test_every_accounts_label_has_chinese_and_english():
    keys = [key for key in TEXTS if key.startswith("accounts.")]
    assert len(keys) >= 30
    for key in keys:
        zh, en = TEXTS[key]
        assert zh.strip() and en.strip() and zh != en, key
    # Every role and action has a label (the refusal message shows them).
    assert {f"accounts.role.{r.value}" for r in Role} | {f"accounts.action.{a.value}" for a in Action} <= set(keys)
