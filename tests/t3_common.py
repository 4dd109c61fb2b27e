# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""Helpers shared by the tier-3 tests (not a test module itself)."""

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user

# Role -> security groups (ORG-2). "none" is an internal user without any
# marketing role; every marketing role is listed by its own group only, the
# implied groups come from security/marketing_section_security.xml.
ROLE_GROUPS = {
    "none": "base.group_user",
    "staff": "base.group_user,marketing_section.group_marketing_staff",
    "assistant": "base.group_user,marketing_section.group_marketing_assistant",
    "service": "base.group_user,marketing_section.group_marketing_service",
    "leader": "base.group_user,marketing_section.group_marketing_leader",
    "chief": "base.group_user,marketing_section.group_marketing_chief",
    "finance": "base.group_user,marketing_section.group_marketing_finance",
    "leadership": "base.group_user,marketing_section.group_marketing_leadership",
}
ROLES = tuple(ROLE_GROUPS)
MARKETING_ROLES = tuple(role for role in ROLES if role != "none")
LIMIT_FIELDS = ("discount_limit", "compensation_limit", "fund_limit")

# Exceptions by which the ORM refuses an operation of a user.
REFUSALS = (AccessError, UserError, ValidationError)


def make_user(env, login, role, groups=None, **kwargs):
    """A new internal user holding ``role`` (a key of ROLE_GROUPS).

    ``groups`` (comma-separated xml ids) replaces the role's groups.
    """
    kwargs.setdefault("name", f"{login} ({role})")
    return new_test_user(
        env,
        login=login,
        groups=groups or ROLE_GROUPS[role],
        context={"no_reset_password": True, "mail_create_nolog": True},
        **kwargs,
    )


def attempt(env, func):
    """Run ``func()`` as one RPC call would, then undo everything it did.

    Returns ``(result, None)`` when the call succeeded (its changes flushed to
    the database first, so that constraints and record rules checked at flush
    time count) or ``(None, exception)`` when the ORM refused it. The
    savepoint is always rolled back, so every cell of a matrix starts from
    the same data.
    """
    savepoint = env.cr.savepoint()
    try:
        result = func()
        env.flush_all()
        return result, None
    except REFUSALS as exc:
        return None, exc
    finally:
        savepoint.close(rollback=True)
        env.invalidate_all()
