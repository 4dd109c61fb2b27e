# Copyright 2026 Marketing Section Team
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl).
from odoo import models


class AccountMove(models.Model):
    """Posting a claim's entry turns its commitment into actual (BUD-3)."""

    _inherit = "account.move"

    def _post(self, soft=True):
        sheets = self.sudo().expense_sheet_id
        sheets._check_can_post_budget()
        posted = super()._post(soft=soft)
        posted.sudo().expense_sheet_id.expense_line_ids._budget_move(
            "committed", "actual"
        )
        return posted

    def button_draft(self):
        sheets = self.sudo().expense_sheet_id
        res = super().button_draft()
        sheets.expense_line_ids._budget_move("actual", "committed")
        return res

    def _reverse_moves(self, default_values_list=None, cancel=False):
        # A claim's posted entry reversed by a credit note of its own:
        # hr_expense unlinks it from the report, which is approved again
        # without entry, so its claims are committed again, not actual (BUD-3).
        sheets = self.filtered(lambda m: m.state == "posted").sudo().expense_sheet_id
        reversals = super()._reverse_moves(
            default_values_list=default_values_list, cancel=cancel
        )
        unlinked = sheets - self.sudo().expense_sheet_id
        unlinked.expense_line_ids._budget_move("actual", "committed")
        return reversals
