"""Accounts: add, change, disable, set passwords; the record of every change (admins only)."""

from dashboard import accounts_page

accounts_page.render()
