# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
"""BUD-2, BUD-3, BUD-4, BUD-5 / X-4 / X-5: who may do what with claims and
budgets, role by role and relation by relation (issue 7).

One ``new_test_user`` per role (none, staff, assistant, service, leader,
chief, finance, leadership), all in section A: the chief role heads it, the
leader role leads its sales group, the others are members of that group
(the user without a marketing role belongs to no section). Section B, with
a chief and a salesperson of its own, is the "other section". Relations to
a claim: ``own`` (the user's claim), ``section`` (a colleague's claim in
section A), ``other`` (a claim of section B); to a budget: ``section`` (A)
and ``other`` (B).

Every cell is a real ORM call made as the user (``with_user``, no sudo) in a
savepoint that is always rolled back: create and submit a claim, the
chief's signature (``action_approve_expense_sheets``), finance's posting
(``action_sheet_move_post``), leadership's special approval (超预算特批) of
a claim above its line, create / submit / approve a budget and a revision.
An allowed cell must have its effect; a refused cell must raise and leave
the records exactly as they were (states, the figures of the budget lines,
what the claims consume, the number of records and of chatter messages),
compared before the rollback. Direct writes of the workflow's fields
(report state, what a claim consumes, the cap / committed / actual amounts
of a line, the planned amount of an approved budget's line) are refused to
every role, leadership included.
"""

import base64
from datetime import date

from t3_common import REFUSALS, ROLES, make_user

from odoo import Command
from odoo.tests import tagged
from odoo.tests.common import TransactionCase

RELATIONS = ("own", "section", "other")
BUDGET_RELATIONS = ("section", "other")
OFFICERS = frozenset({"finance", "leadership"})  # expense officers (all claims)


def _everyone(role, relation):
    return True


def _nobody(role, relation):
    return False


def _enters_claim(role, relation):
    """One's own claim; expense officers (finance) enter anyone's."""
    return relation == "own" or role in OFFICERS


def _signs(role, relation):
    """The section chief signs the section's claims, leadership any claim;
    nobody his own (BUD-4)."""
    if relation == "own":
        return False
    return role == "leadership" or (role == "chief" and relation == "section")


def _submits(role, relation):
    """Who enters it, and the chief for his section (hr_expense's team
    approver acts for his team); the budget is checked all the same."""
    return _enters_claim(role, relation) or (role == "chief" and relation == "section")


def _posts(role, relation):
    """Finance reviews against budget and policy and posts (BUD-4)."""
    return role in OFFICERS


def _special_approves(role, relation):
    """Company leadership, not on its own claim (BUD-5)."""
    return role == "leadership" and relation != "own"


def _plans(role, relation):
    """The chief for his own section, leadership for any (BUD-2)."""
    return role == "leadership" or (role == "chief" and relation == "section")


def _approves_budget(role, relation):
    """Company leadership (the chief submitted it) (BUD-2)."""
    return role == "leadership"


@tagged("post_install", "-at_install", "marketing_t3")
class TestBudgetSecurity(TransactionCase):
    test_tags = {"standard", "at_install"}
    test_module = "marketing_budget"

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        cls.year = date.today().year
        cls.day = date(cls.year, 6, 1)
        cls.users = {role: make_user(env, f"t3bs_{role}", role) for role in ROLES}
        cls.peer = make_user(env, "t3bs_peer", "staff")
        cls.chief_b = make_user(env, "t3bs_chief_b", "chief")
        cls.staff_b = make_user(env, "t3bs_staff_b", "staff")
        cls.gm = make_user(env, "t3bs_gm", "leadership")
        members = [
            user.id
            for role, user in cls.users.items()
            if role not in ("none", "chief", "leader")
        ] + [cls.peer.id]
        cls.section_a = env["marketing.section"].create(
            {
                "name": "T3BS Section A",
                "chief_id": cls.users["chief"].id,
                "budget_overrun_policy": "special",
            }
        )
        env["marketing.section.group"].create(
            {
                "name": "T3BS Sales A",
                "section_id": cls.section_a.id,
                "group_type": "sales",
                "leader_id": cls.users["leader"].id,
                "member_ids": [Command.set([*members, cls.users["leader"].id])],
            }
        )
        cls.section_b = env["marketing.section"].create(
            {
                "name": "T3BS Section B",
                "chief_id": cls.chief_b.id,
                "budget_overrun_policy": "special",
            }
        )
        env["marketing.section.group"].create(
            {
                "name": "T3BS Sales B",
                "section_id": cls.section_b.id,
                "group_type": "sales",
                "member_ids": [Command.set([cls.staff_b.id])],
            }
        )
        cls.cat_dinner = env.ref(
            "marketing_budget.marketing_expense_category_entertainment"
        )
        cls.cat_ads = env.ref("marketing_budget.marketing_expense_category_advertising")
        Product = env["product.product"]
        cls.dinner = Product.create(
            {
                "name": "T3BS dinner",
                "can_be_expensed": True,
                "marketing_expense_category_id": cls.cat_dinner.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        cls.ads = Product.create(
            {
                "name": "T3BS poster",
                "can_be_expensed": True,
                "marketing_expense_category_id": cls.cat_ads.id,
                "supplier_taxes_id": [Command.clear()],
            }
        )
        # Approved budgets: a wide dinner line, a tiny advertising line
        # (claims on it need the special approval).
        cls.budgets = {
            "section": cls._approved_budget(cls.section_a, cls.users["chief"]),
            "other": cls._approved_budget(cls.section_b, cls.chief_b),
        }
        cls.employees = {}
        for user in [*cls.users.values(), cls.peer, cls.staff_b]:
            cls.employees[user] = env["hr.employee"].create(
                {
                    "name": user.name,
                    "user_id": user.id,
                    "work_email": f"{user.login}@example.com",
                }
            )
        # The claims each cell acts on, in the state the action needs.
        cls.claims = {}
        shared = {"section": cls.peer, "other": cls.staff_b}
        for role, user in cls.users.items():
            for relation in RELATIONS:
                owner = user if relation == "own" else shared[relation]
                if relation != "own" and (relation, "draft") in cls.claims:
                    cls.claims[(role, relation)] = cls.claims[relation]
                    continue
                claims = {
                    "draft": cls._claim(owner),
                    "submit": cls._claim(owner, "submit"),
                    "approve": cls._claim(owner, "approve"),
                    "over": cls._claim(owner, "submit", over=True),
                }
                cls.claims[(role, relation)] = claims
                if relation != "own":
                    cls.claims[relation] = claims
        # Budgets and revisions in the state each budget cell needs.
        cls.draft_budget = {}
        cls.submitted_budget = {}
        cls.draft_revision = {}
        cls.submitted_revision = {}
        for relation, (section, chief) in {
            "section": (cls.section_a, cls.users["chief"]),
            "other": (cls.section_b, cls.chief_b),
        }.items():
            cls.draft_budget[relation] = cls._budget(section, chief, cls.year + 1)
            cls.submitted_budget[relation] = cls._budget(section, chief, cls.year + 2)
            cls.submitted_budget[relation].with_user(chief).action_submit()
            line = cls._dinner_line(relation)
            cls.draft_revision[relation] = cls._revision(line, chief)
            cls.submitted_revision[relation] = cls._revision(line, chief)
            cls.submitted_revision[relation].with_user(chief).action_submit()

    # ------------------------------------------------------------------
    # Fixtures
    # ------------------------------------------------------------------
    @classmethod
    def _budget(cls, section, chief, year):
        return (
            cls.env["marketing.budget"]
            .with_user(chief)
            .create(
                {
                    "title": f"T3BS {section.name} {year}",
                    "section_id": section.id,
                    "year": year,
                    "line_ids": [
                        Command.create(
                            {
                                "category_id": cls.cat_dinner.id,
                                "period_type": "year",
                                "amount": 100000.0,
                            }
                        ),
                        Command.create(
                            {
                                "category_id": cls.cat_ads.id,
                                "period_type": "year",
                                "amount": 10.0,
                            }
                        ),
                    ],
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _dinner_line(cls, relation):
        return cls.budgets[relation].line_ids.filtered(
            lambda line: line.category_id == cls.cat_dinner
        )

    @classmethod
    def _approved_budget(cls, section, chief):
        budget = cls._budget(section, chief, cls.year)
        budget.with_user(chief).action_submit()
        budget.with_user(cls.gm)._review_decide(True)
        return budget

    @classmethod
    def _revision(cls, line, chief):
        return (
            cls.env["marketing.budget.revision"]
            .with_user(chief)
            .create(
                {
                    "budget_id": line.budget_id.id,
                    "line_id": line.id,
                    "revision_type": "increase",
                    "amount": 500.0,
                    "reason": "T3BS revision",
                }
            )
            .with_user(cls.env.user)
        )

    @classmethod
    def _expense_vals(cls, owner, over=False):
        # Distinct amounts: equal ones would be flagged as duplicates, and
        # approving a duplicate opens hr_expense's confirmation instead.
        cls._serial = getattr(cls, "_serial", 0) + 1
        return {
            "name": f"T3BS claim of {owner.login}",
            "employee_id": cls.employees[owner].id,
            "product_id": (cls.ads if over else cls.dinner).id,
            "total_amount_currency": 100.0 + cls._serial,
            "date": cls.day,
            "payment_mode": "own_account",
            "tax_ids": [Command.clear()],
        }

    @classmethod
    def _claim(cls, owner, state="draft", over=False):
        env = cls.env
        expense = env["hr.expense"].create(cls._expense_vals(owner, over))
        env["ir.attachment"].create(
            {
                "name": "receipt.pdf",
                "res_model": "hr.expense",
                "res_id": expense.id,
                "datas": base64.b64encode(b"%PDF-1.4 receipt"),
            }
        )
        sheet = env["hr.expense.sheet"].create(
            {
                "name": f"T3BS report of {owner.login}",
                "employee_id": cls.employees[owner].id,
                "expense_line_ids": [Command.set(expense.ids)],
                "marketing_budget_justification": "Fair" if over else False,
            }
        )
        if state in ("submit", "approve"):
            sheet.with_user(owner).action_submit_sheet()
        if state == "approve":
            sheet._do_approve()
        return sheet

    # ------------------------------------------------------------------
    # The check of a cell
    # ------------------------------------------------------------------
    def _snapshot(self):
        """Everything a refused call must leave as it was."""
        env = self.env(su=True)
        env.flush_all()
        env.invalidate_all()
        lines = env["marketing.budget.line"].search(
            [("section_id", "in", (self.section_a | self.section_b).ids)]
        )
        sheets = env["hr.expense.sheet"].search(
            [("employee_id", "in", [e.id for e in self.employees.values()])]
        )
        sections = (self.section_a | self.section_b).ids

        def by_id(records, fields):
            return {row["id"]: row for row in records.read(fields)}

        return {
            "lines": by_id(
                lines, ["cap_amount", "committed_amount", "actual_amount", "amount"]
            ),
            "sheets": by_id(sheets, ["state", "approval_state"]),
            "expenses": by_id(
                sheets.expense_line_ids,
                [
                    "marketing_budget_state",
                    "marketing_budget_amount",
                    "total_amount_currency",
                ],
            ),
            "budgets": by_id(
                env["marketing.budget"].search([("section_id", "in", sections)]),
                ["state"],
            ),
            "revisions": by_id(
                env["marketing.budget.revision"].search(
                    [("section_id", "in", sections)]
                ),
                ["state", "amount"],
            ),
            "overruns": by_id(
                env["marketing.budget.overrun"].search([]), ["state", "granted_amount"]
            ),
            "moves": env["account.move"].search_count([]),
            "messages": env["mail.message"].search_count([]),
        }

    def _cell(self, role, cell, relation, allowed, func, effect):
        """Run ``func`` as one RPC call; check its effect or that it changed
        nothing; always roll back.

        A refused ``create`` is checked by the access rules after the insert
        (the whole RPC transaction is rolled back): there, the records that
        existed must be unchanged, new rows are not compared.
        """
        with self.subTest(role=role, cell=cell, relation=relation):
            before = self._snapshot()
            savepoint = self.env.cr.savepoint()
            try:
                try:
                    func()
                    self.env.flush_all()
                    error = None
                except REFUSALS as exc:
                    error = exc
                if allowed:
                    self.assertIsNone(error, f"refused: {error}")
                    self.env.invalidate_all()
                    self.assertTrue(effect(), "allowed, but without its effect")
                else:
                    self.assertIsNotNone(error, "allowed, expected a refusal")
                    after = self._snapshot()
                    if cell.startswith(("create", "new ")):
                        for key, rows in before.items():
                            if isinstance(rows, dict):
                                after[key] = {k: after[key].get(k) for k in rows}
                            else:
                                after[key] = rows
                    self.assertEqual(after, before, "a refusal changed")
            finally:
                savepoint.close(rollback=True)
                self.env.invalidate_all()

    # ------------------------------------------------------------------
    # Claims (BUD-4, BUD-5)
    # ------------------------------------------------------------------
    def test_claim_matrix(self):
        for role, user in self.users.items():
            for relation in RELATIONS:
                claims = self.claims[(role, relation)]
                owner = {
                    "own": user,
                    "section": self.peer,
                    "other": self.staff_b,
                }[relation]
                created = {}

                def create_claim(user=user, owner=owner, created=created):
                    expense = (
                        self.env["hr.expense"]
                        .with_user(user)
                        .create(self._expense_vals(owner))
                    )
                    created["sheet"] = (
                        self.env["hr.expense.sheet"]
                        .with_user(user)
                        .create(
                            {
                                "name": "T3BS new report",
                                "employee_id": self.employees[owner].id,
                                "expense_line_ids": [Command.set(expense.ids)],
                            }
                        )
                    )

                self._cell(
                    role,
                    "create claim",
                    relation,
                    _enters_claim(role, relation),
                    create_claim,
                    lambda created=created: created["sheet"].sudo().state == "draft",
                )
                # The user without a marketing role belongs to no section: his
                # own claims are plain Odoo claims, outside any budget.
                marketing = not (role == "none" and relation == "own")
                draft, submitted = claims["draft"], claims["submit"]
                approved, over = claims["approve"], claims["over"]
                self._cell(
                    role,
                    "submit claim",
                    relation,
                    _submits(role, relation),
                    lambda user=user, draft=draft: draft.with_user(
                        user
                    ).action_submit_sheet(),
                    lambda draft=draft, consumes=marketing: draft.state == "submit"
                    and draft.expense_line_ids.marketing_budget_state
                    == ("committed" if consumes else "none"),
                )
                self._cell(
                    role,
                    "chief signs",
                    relation,
                    _signs(role, relation),
                    lambda user=user, sheet=submitted: sheet.with_user(
                        user
                    ).action_approve_expense_sheets(),
                    lambda sheet=submitted: sheet.state == "approve",
                )
                self._cell(
                    role,
                    "finance posts",
                    relation,
                    _posts(role, relation),
                    lambda user=user, sheet=approved: sheet.with_user(
                        user
                    ).action_sheet_move_post(),
                    lambda sheet=approved: sheet.state == "post"
                    and sheet.expense_line_ids.marketing_budget_state == "actual",
                )
                if not marketing:
                    self.assertFalse(over.marketing_budget_overrun_ids)
                    continue
                overrun = over.marketing_budget_overrun_ids
                self.assertEqual(overrun.state, "to_approve")
                self._cell(
                    role,
                    "special approval",
                    relation,
                    _special_approves(role, relation),
                    lambda user=user, overrun=overrun: overrun.with_user(
                        user
                    )._review_decide(True),
                    lambda overrun=overrun, over=over: overrun.state == "approved"
                    and over.expense_line_ids.marketing_budget_state == "committed",
                )

    def test_finance_posts_no_claim_waiting_for_special_approval(self):
        """BUD-5: not before leadership's special approval, for anyone."""
        over = self.claims["section"]["over"]
        over._do_approve()
        for role in ("finance", "leadership"):
            self._cell(
                role,
                "post a waiting claim",
                "section",
                False,
                lambda role=role: over.with_user(
                    self.users[role]
                ).action_sheet_move_post(),
                _nobody,
            )

    # ------------------------------------------------------------------
    # Budgets and revisions (BUD-2)
    # ------------------------------------------------------------------
    def test_budget_matrix(self):
        sections = {"section": self.section_a, "other": self.section_b}
        for role, user in self.users.items():
            for relation in BUDGET_RELATIONS:
                section = sections[relation]
                created = {}

                def create_budget(user=user, section=section, created=created):
                    created["budget"] = (
                        self.env["marketing.budget"]
                        .with_user(user)
                        .create(
                            {
                                "title": "T3BS new budget",
                                "section_id": section.id,
                                "year": self.year + 3,
                                "line_ids": [
                                    Command.create(
                                        {
                                            "category_id": self.cat_dinner.id,
                                            "period_type": "year",
                                            "amount": 10.0,
                                        }
                                    )
                                ],
                            }
                        )
                    )

                self._cell(
                    role,
                    "create budget",
                    relation,
                    _plans(role, relation),
                    create_budget,
                    lambda created=created: created["budget"].sudo().state == "draft",
                )
                draft = self.draft_budget[relation]
                self._cell(
                    role,
                    "submit budget",
                    relation,
                    _plans(role, relation),
                    lambda user=user, draft=draft: draft.with_user(
                        user
                    ).action_submit(),
                    lambda draft=draft: draft.state == "to_approve",
                )
                submitted = self.submitted_budget[relation]
                self._cell(
                    role,
                    "approve budget",
                    relation,
                    _approves_budget(role, relation),
                    lambda user=user, budget=submitted: budget.with_user(
                        user
                    )._review_decide(True),
                    lambda budget=submitted: budget.state == "approved"
                    and sorted(budget.line_ids.mapped("cap_amount"))
                    == [10.0, 100000.0],
                )
                line = self._dinner_line(relation)

                def create_revision(user=user, line=line, created=created):
                    created["revision"] = (
                        self.env["marketing.budget.revision"]
                        .with_user(user)
                        .create(
                            {
                                "budget_id": line.budget_id.id,
                                "line_id": line.id,
                                "revision_type": "increase",
                                "amount": 1.0,
                                "reason": "T3BS",
                            }
                        )
                    )

                self._cell(
                    role,
                    "create revision",
                    relation,
                    _plans(role, relation),
                    create_revision,
                    lambda created=created: created["revision"].sudo().state == "draft",
                )
                revision = self.draft_revision[relation]
                self._cell(
                    role,
                    "submit revision",
                    relation,
                    _plans(role, relation),
                    lambda user=user, rev=revision: rev.with_user(user).action_submit(),
                    lambda rev=revision: rev.state == "to_approve",
                )
                revision = self.submitted_revision[relation]
                self._cell(
                    role,
                    "approve revision",
                    relation,
                    _approves_budget(role, relation),
                    lambda user=user, rev=revision: rev.with_user(user)._review_decide(
                        True
                    ),
                    lambda rev=revision, line=line: rev.state == "approved"
                    and line.cap_amount == 100500.0,
                )

    # ------------------------------------------------------------------
    # Workflow fields: nobody writes them (BUD-3, X-4)
    # ------------------------------------------------------------------
    def test_direct_writes_refused_for_everyone(self):
        for role, user in self.users.items():
            for relation in RELATIONS:
                claims = self.claims[(role, relation)]
                budget_rel = "section" if relation == "own" else relation
                line = self._dinner_line(budget_rel)
                sheet = claims["submit"]
                expense = sheet.expense_line_ids
                budget = line.budget_id
                writes = {
                    "report state": (sheet, {"approval_state": "approve"}),
                    "report back to draft": (sheet, {"approval_state": False}),
                    "report computed state": (sheet, {"state": "done"}),
                    "claim consumption": (expense, {"marketing_budget_state": "none"}),
                    "claim consumed amount": (
                        expense,
                        {"marketing_budget_amount": 1.0},
                    ),
                    "claim amount once submitted": (
                        expense,
                        {"total_amount_currency": 1.0},
                    ),
                    "line committed": (line, {"committed_amount": 0.0}),
                    "line actual": (line, {"actual_amount": 0.0}),
                    "line cap": (line, {"cap_amount": 1e9}),
                    "line remaining": (line, {"remaining_amount": 1e9}),
                    "approved line amount": (line, {"amount": 1e9}),
                    "approved budget state": (budget, {"state": "draft"}),
                }
                if role == "none" and relation == "own":
                    # A plain Odoo claim (no section): its amount is Odoo's.
                    self.assertEqual(expense.marketing_budget_state, "none")
                    del writes["claim amount once submitted"]
                for cell, (record, vals) in writes.items():
                    self._cell(
                        role,
                        cell,
                        relation,
                        False,
                        lambda record=record, vals=vals, user=user: record.with_user(
                            user
                        ).write(vals),
                        _nobody,
                    )
                self._cell(
                    role,
                    "create report already approved",
                    relation,
                    False,
                    lambda user=user,
                    expense=claims["draft"].expense_line_ids: self.env[
                        "hr.expense.sheet"
                    ]
                    .with_user(user)
                    .create(
                        {
                            "name": "T3BS forged",
                            "employee_id": expense.employee_id.id,
                            "approval_state": "approve",
                        }
                    ),
                    _nobody,
                )
                self._cell(
                    role,
                    "new line on approved budget",
                    relation,
                    False,
                    lambda user=user, budget=budget: self.env["marketing.budget.line"]
                    .with_user(user)
                    .create(
                        {
                            "budget_id": budget.id,
                            "category_id": self.cat_dinner.id,
                            "period_type": "month",
                            "period_number": 1,
                            "amount": 1e9,
                        }
                    ),
                    _nobody,
                )
