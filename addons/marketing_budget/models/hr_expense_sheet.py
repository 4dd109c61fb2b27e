# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from collections import defaultdict
from contextlib import contextmanager
from contextvars import ContextVar

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import float_compare, format_amount

LEADERSHIP = "marketing_section.group_marketing_leadership"
# Set while the workflow's own methods change a report's state: not
# reachable from an RPC call (unlike the context), and no sudo needed.
_IN_WORKFLOW = ContextVar("marketing_expense_sheet_workflow", default=False)


@contextmanager
def _workflow():
    token = _IN_WORKFLOW.set(True)
    try:
        yield
    finally:
        _IN_WORKFLOW.reset(token)


class HrExpenseSheet(models.Model):
    """The expense report as the marketing claim (报销, BUD-4, BUD-5, BUD-6).

    Mapped onto the report's own states: the employee submits with receipts
    attached (draft → submitted; the claim commits its budget lines), the
    section chief reviews and signs (Odoo's approval: submitted → approved),
    finance reviews against budget and policy and posts (approved → posted,
    committed → actual), then pays. Extended only through hr_expense's hooks.
    """

    _inherit = "hr.expense.sheet"

    # ------------------------------------------------------------------
    # Fields
    # ------------------------------------------------------------------
    marketing_section_id = fields.Many2one(
        "marketing.section",
        compute="_compute_marketing_section_id",
        store=True,
        index="btree_not_null",
    )
    marketing_budget_justification = fields.Text(
        string="Over-Budget Justification",
        help="Why this claim must be paid above its budget line. Required to "
        "ask company leadership for a special approval (超预算特批) when the "
        "section's policy allows it.",
    )
    marketing_budget_overrun_ids = fields.One2many(
        "marketing.budget.overrun", "sheet_id", string="Special Approvals"
    )
    marketing_budget_waiting = fields.Boolean(
        string="Waiting for Special Approval",
        compute="_compute_marketing_budget_waiting",
    )

    # ------------------------------------------------------------------
    # Compute
    # ------------------------------------------------------------------
    @api.depends("employee_id", "company_id")
    def _compute_marketing_section_id(self):
        for sheet in self:
            user = sheet.employee_id.sudo().user_id
            sheet.marketing_section_id = (
                user._get_marketing_section(sheet.company_id)
                if user
                else self.env["marketing.section"]
            )

    @api.depends("expense_line_ids.marketing_budget_state")
    def _compute_marketing_budget_waiting(self):
        for sheet in self:
            sheet.marketing_budget_waiting = any(
                state == "over"
                for state in sheet.expense_line_ids.mapped("marketing_budget_state")
            )

    @api.depends("employee_id", "employee_id.department_id")
    def _compute_from_employee_id(self):
        # The section chief signs the claims of his section (BUD-4); the
        # chief's own claims go to company leadership.
        res = super()._compute_from_employee_id()
        for sheet in self:
            approver = sheet._marketing_claim_approver()
            if approver:
                sheet.user_id = approver
        return res

    @api.depends_context("uid")
    @api.depends("employee_id", "marketing_section_id")
    def _compute_can_approve(self):
        res = super()._compute_can_approve()
        user = self.env.user
        is_leadership = user.has_group(LEADERSHIP)
        for sheet in self:
            reasons = (
                [sheet.cannot_approve_reason] if sheet.cannot_approve_reason else []
            )
            section = sheet.marketing_section_id.sudo()
            if sheet.employee_id.sudo().user_id == user:
                reasons.append(
                    self.env._(
                        "%(sheet)s: nobody approves his or her own claim.",
                        sheet=sheet.name,
                    )
                )
            elif (
                section
                and not is_leadership
                and user not in section.chief_id | section.deputy_ids
            ):
                reasons.append(
                    self.env._(
                        "%(sheet)s: only the chief of %(section)s signs the "
                        "claims of the section.",
                        sheet=sheet.name,
                        section=section.name,
                    )
                )
            sheet.can_approve = not reasons
            sheet.cannot_approve_reason = "\n".join(reasons) or False
        return res

    # ------------------------------------------------------------------
    # ORM overrides
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        sheets = super().create(vals_list)
        if (
            not self.env.su
            and not _IN_WORKFLOW.get()
            and any(
                vals.get("approval_state") or vals.get("state") not in (None, "draft")
                for vals in vals_list
            )
        ):
            sheets._check_state_write()
        return sheets

    def write(self, vals):
        if (
            not self.env.su
            and not _IN_WORKFLOW.get()
            and {"approval_state", "state"} & vals.keys()
        ):
            self._check_state_write()
        res = super().write(vals)
        if "expense_line_ids" in vals:
            # Claims added to a report already in the flow consume at once.
            flowing = self.filtered(lambda s: s.state in ("submit", "approve"))
            if flowing:
                flowing._check_can_submit_budget()
                flowing._budget_reserve()
        return res

    @api.ondelete(at_uninstall=False)
    def _unlink_release_budget(self):
        self.expense_line_ids._budget_release()

    # ------------------------------------------------------------------
    # hr_expense hooks
    # ------------------------------------------------------------------
    def _do_submit(self):
        # Checked and committed in the transaction that submits (BUD-6).
        self._check_can_submit_budget()
        self._budget_reserve()
        with _workflow():
            return super()._do_submit()

    def _do_approve(self):
        # The callers checked who approves (_check_can_approve).
        with _workflow():
            return super()._do_approve()

    def _do_refuse(self, reason):
        with _workflow():
            res = super()._do_refuse(reason)
        self.expense_line_ids._budget_release()
        return res

    def _do_reverse_moves(self):
        res = super()._do_reverse_moves()
        self.expense_line_ids._budget_move("actual", "committed")
        return res

    def _do_reset_approval(self):
        self.expense_line_ids._budget_release()
        return super()._do_reset_approval()

    # ------------------------------------------------------------------
    # Business
    # ------------------------------------------------------------------
    def _check_state_write(self):
        """BUD-4, BUD-6: the state of a marketing claim changes only through
        the workflow's methods, which check who and what and commit the
        budget (a direct write could approve a claim that never committed
        its line). Other expense reports keep hr_expense's rules."""
        if self.filtered("marketing_section_id"):
            raise AccessError(
                self.env._(
                    "The state of an expense report changes only through its "
                    "buttons (submit, approve, refuse, reset to draft), not "
                    "directly."
                )
            )

    def _marketing_claim_approver(self):
        """Who signs this claim: the section chief, else leadership."""
        self.ensure_one()
        user = self.employee_id.sudo().user_id
        section = self.marketing_section_id.sudo()
        if not user or not section:
            return self.env["res.users"]
        if section.chief_id and section.chief_id != user:
            return section.chief_id
        leadership = self.env["marketing.section"]._get_role_users(
            "leadership", self.company_id
        )
        return (leadership - user)[:1]

    def _check_can_submit_budget(self):
        """Receipts, amounts and budget lines of marketing claims (X-4)."""
        errors = []
        expenses = self.expense_line_ids.filtered("marketing_section_id")
        rounding = self.company_currency_id[:1].rounding or 0.01
        for expense in expenses:
            if (
                float_compare(expense.total_amount, 0.0, precision_rounding=rounding)
                <= 0
            ):
                errors.append(
                    self.env._(
                        "%(claim)s: the amount of a claim must be above zero.",
                        claim=expense.name,
                    )
                )
            if not expense.nb_attachment:
                errors.append(
                    self.env._(
                        "%(claim)s: attach the receipt (invoice or voucher) "
                        "before submitting.",
                        claim=expense.name,
                    )
                )
        controlled = expenses._budget_controlled().filtered(
            lambda e: e.marketing_budget_state == "none"
        )
        found = controlled._budget_find_lines()
        for expense in controlled:
            if not found.get(expense.id):
                errors.append(expense._budget_missing_line_reason())
        if errors:
            raise UserError("\n".join(errors))

    def _budget_reserve(self):
        """Commit the claims on their budget lines under the lines' row lock.

        Bounded queries whatever the number of earlier claims: find the lines
        (one query), lock them and read their remaining amounts (one), add
        the commitments (one), mark the claims (one per claim). A claim above
        the remaining amount is refused, or waits for leadership's special
        approval where the section allows it and a justification is given.
        """
        expenses = self.expense_line_ids._budget_controlled().filtered(
            lambda e: e.marketing_budget_state == "none"
        )
        if not expenses:
            return
        found = expenses._budget_find_lines()
        Line = self.env["marketing.budget.line"].sudo()
        wanted = defaultdict(float)
        claims = defaultdict(lambda: self.env["hr.expense"])
        for expense in expenses:
            key = (expense.sheet_id, Line.browse(found[expense.id]))
            wanted[key] += expense.total_amount
            claims[key] |= expense
        lines = Line.browse(sorted({line.id for _sheet, line in wanted}))
        remaining = lines._budget_lock()
        errors, over, reserved = [], [], set()
        changes = defaultdict(lambda: [0.0, 0.0, 0.0])
        for (sheet, line), amount in wanted.items():
            # The company's currency: already loaded with the claims.
            currency = claims[(sheet, line)][:1].company_currency_id
            if (
                float_compare(
                    amount, remaining[line.id], precision_rounding=currency.rounding
                )
                <= 0
            ):
                remaining[line.id] -= amount
                changes[line.id][1] += amount
                reserved.add((sheet, line))
                continue
            message = self.env._(
                "%(claim)s needs %(amount)s from the budget line %(line)s, "
                "which has only %(remaining)s left.",
                claim=sheet.name,
                amount=format_amount(self.env, amount, currency),
                line=line.display_name,
                remaining=format_amount(self.env, remaining[line.id], currency),
            )
            policy = sheet.marketing_section_id.sudo().budget_overrun_policy
            if (
                policy == "special"
                and (sheet.marketing_budget_justification or "").strip()
            ):
                over.append((sheet, line, amount, remaining[line.id]))
            elif policy == "special":
                errors.append(
                    message
                    + " "
                    + self.env._(
                        "Write the over-budget justification to ask company "
                        "leadership for a special approval (超预算特批)."
                    )
                )
            else:
                errors.append(message)
        if errors:
            raise UserError("\n".join(errors))
        Line._budget_update({line_id: tuple(d) for line_id, d in changes.items()})
        for (sheet, line), expenses_on_line in claims.items():
            if (sheet, line) not in reserved:
                continue
            for expense in expenses_on_line:
                expense.sudo().write(
                    {
                        "marketing_budget_line_id": line.id,
                        "marketing_budget_amount": expense.total_amount,
                        "marketing_budget_state": "committed",
                    }
                )
        if over:
            self._budget_request_overruns(over, claims)

    def _budget_request_overruns(self, over, claims):
        """Ask company leadership for the special approvals (BUD-5)."""
        Overrun = self.env["marketing.budget.overrun"].sudo()
        overruns = Overrun.create(
            [
                {
                    "sheet_id": sheet.id,
                    "line_id": line.id,
                    "user_id": self.env.user.id,
                    "amount": amount,
                    "remaining_at_request": remaining,
                    "justification": sheet.marketing_budget_justification,
                }
                for sheet, line, amount, remaining in over
            ]
        )
        for overrun, (sheet, line, _amount, _remaining) in zip(
            overruns, over, strict=True
        ):
            for expense in claims[(sheet, line)]:
                expense.sudo().write(
                    {
                        "marketing_budget_line_id": line.id,
                        "marketing_budget_amount": expense.total_amount,
                        "marketing_budget_state": "over",
                        "marketing_budget_overrun_id": overrun.id,
                    }
                )
        overruns.action_request_review()

    def _check_can_post_budget(self):
        """Finance posts no claim still waiting for special approval."""
        waiting = self.filtered("marketing_budget_waiting")
        if waiting:
            raise UserError(
                "\n".join(
                    self.env._(
                        "%(sheet)s waits for the special approval (超预算特批) "
                        "of company leadership; finance cannot post it before.",
                        sheet=sheet.name,
                    )
                    for sheet in waiting
                )
            )
